// Keyboard-first dispatch: arrows move through incidents and Escape closes the incident; sending units needs a
// modifier (Alt+1..9 assigns the unit showing that number, Alt+A asks to assign all) so a stray key sends nothing.
// Keys typed into a field or inside an open dialog are left alone.
import { useEffect, useRef } from 'react';

export interface DispatchKeyActions {
  move: (delta: 1 | -1) => void;
  /** The number shown beside a recommended unit, 1-9. */
  assignKey: (n: number) => void;
  /** Opens the confirmation for assigning every recommended unit; never assigns by itself. */
  askAssignAll: () => void;
  close: () => void;
}

function ignoredTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest('[aria-modal="true"]')) return true;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useDispatchKeys(actions: DispatchKeyActions): void {
  const ref = useRef(actions);
  ref.current = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.repeat || ignoredTarget(e.target)) return;
      const a = ref.current;
      // e.code, not e.key: Alt+1 types '¡' on a Mac keyboard layout.
      const digit = /^Digit([1-9])$/.exec(e.code)?.[1] ?? /^Numpad([1-9])$/.exec(e.code)?.[1];
      if (e.altKey) {
        if (digit) a.assignKey(Number(digit));
        else if (e.code === 'KeyA') a.askAssignAll();
        else return;
      } else if (e.shiftKey) return;
      else if (e.key === 'ArrowDown' || e.key === 'j') a.move(1);
      else if (e.key === 'ArrowUp' || e.key === 'k') a.move(-1);
      else if (e.key === 'Escape') a.close();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
