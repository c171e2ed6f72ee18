// A keyboard shortcut as it is shown on a button or in the legend ("Alt+A").
export function Kbd({ keys }: { keys: string }) {
  return <kbd className="kbd">{keys}</kbd>;
}
