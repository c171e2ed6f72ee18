// Keyboard-first dispatch: arrows move through incidents, 1-9 assign a recommended unit, A assigns all of them,
// Escape closes the incident. Keys typed into a field are left alone.
import { useEffect, useRef } from 'react';

export interface DispatchKeyActions {
  move: (delta: 1 | -1) => void;
  assignNth: (index: number) => void;
  assignAll: () => void;
  close: () => void;
}

function typingInField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useDispatchKeys(actions: DispatchKeyActions): void {
  const ref = useRef(actions);
  ref.current = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typingInField(e.target)) return;
      const a = ref.current;
      if (e.key === 'ArrowDown' || e.key === 'j') a.move(1);
      else if (e.key === 'ArrowUp' || e.key === 'k') a.move(-1);
      else if (/^[1-9]$/.test(e.key)) a.assignNth(Number(e.key) - 1);
      else if (e.key === 'a' || e.key === 'A') a.assignAll();
      else if (e.key === 'Escape') a.close();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
