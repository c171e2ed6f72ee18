// Alt+letter shortcuts of the console, by physical key (KeyA is 'a') so they work with any keyboard layout or
// Vietnamese input method.
import { useEffect, useRef } from 'react';

export type ShortcutMap = Partial<Record<string, () => void>>;

export function useShortcuts(shortcuts: ShortcutMap): void {
  const current = useRef(shortcuts);
  current.current = shortcuts;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const action = current.current[e.code.replace(/^Key/, '').toLowerCase()];
      if (!action) return;
      e.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
