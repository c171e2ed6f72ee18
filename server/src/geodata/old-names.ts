// Reads a 2025 ward's "before merger" text into the old ward names callers still say, each with its old district
// when the text names one: "Phường 5, Phường 7, Phường 9 (Quận 5)" -> Phường 5/7/9 of Quận 5.
export interface OldWardName {
  name: string;
  /** "Quận 5", "Quận Gò Vấp", "Huyện Cần Giờ"; null when the text does not say. */
  district: string | null;
}

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

/** A parenthesised district names every item since the previous one: "P 12, P 13 (Quận 10), P 14 (Quận 10)". */
export function parseBeforeMerger(text: string | null): OldWardName[] {
  if (!text) return [];
  const out: OldWardName[] = [];
  let pending: string[] = [];
  for (const part of text.split(',')) {
    const m = part.trim().match(/^(.*?)\s*(?:\(([^)]*)\))?$/);
    const name = m?.[1]?.trim();
    if (!name) continue;
    pending.push(name);
    const district = m?.[2]?.trim();
    if (district) {
      for (const n of pending) out.push({ name: n, district: capitalise(district) });
      pending = [];
    }
  }
  for (const n of pending) out.push({ name: n, district: null });
  return out;
}
