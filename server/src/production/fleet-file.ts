// The fleet file bootstrap reads: one unit per CSV row (callsign, agency, kind, capabilities, station), validated
// against the shared unit schemas, so a real deployment gets its units without the demo seed.
import { Agency, Capability, UnitKind } from '@hcm112/shared';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';

export const FleetRow = z.object({
  callsign: z.string().trim().min(1).max(32),
  agency: Agency,
  kind: UnitKind,
  /** Space- or semicolon-separated. */
  capabilities: z
    .string()
    .default('')
    .transform((v) => v.split(/[\s;]+/).filter(Boolean))
    .pipe(z.array(Capability)),
  /** A station's code, or empty for a unit without a home station. */
  station: z
    .string()
    .trim()
    .default('')
    .transform((v) => v || null),
});
export type FleetRow = z.infer<typeof FleetRow>;

/** Every row, or an error naming the first bad row (1 = the first unit after the header) and field. */
export function parseFleetFile(text: string): FleetRow[] {
  const records = parseCsv(text, {
    columns: true,
    bom: true,
    skip_empty_lines: true,
    trim: true,
  }) as unknown[];
  return records.map((record, i) => {
    const row = FleetRow.safeParse(record);
    if (!row.success) {
      const issue = row.error.issues[0];
      throw new Error(`fleet file row ${i + 1}: ${issue?.path.join('.') || 'row'}: ${issue?.message}`);
    }
    return row.data;
  });
}
