// A type-ahead field that works from the keyboard alone: type to filter, arrows to move, Enter or Tab to take the
// highlighted option, Escape to close the list. ARIA combobox pattern, so screen readers announce the choice.
import { type KeyboardEvent, type ReactNode, useId, useState } from 'react';

export interface ComboOption<V> {
  key: string;
  label: string;
  value: V;
  /** Small text after the label (a district, a default priority). */
  detail?: ReactNode;
}

export interface ComboboxProps<V> {
  label: string;
  /** What the field shows. */
  text: string;
  onTextChange: (text: string) => void;
  options: readonly ComboOption<V>[];
  onPick: (option: ComboOption<V>) => void;
  error?: string | undefined;
  hint?: ReactNode;
  inputId?: string;
  placeholder?: string;
  inputRef?: (el: HTMLInputElement | null) => void;
}

export function Combobox<V>(props: ComboboxProps<V>) {
  const { label, text, options, error, hint, placeholder } = props;
  const ownId = useId();
  const inputId = props.inputId ?? `${ownId}-input`;
  const listId = `${ownId}-list`;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const shown = open && options.length > 0;
  const activeIndex = Math.min(active, options.length - 1);

  const pick = (option: ComboOption<V> | undefined) => {
    if (!option) return;
    props.onPick(option);
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      if (!shown) setOpen(true);
      else setActive((i) => (Math.min(i, options.length - 1) + step + options.length) % options.length);
    } else if (e.key === 'Enter' && shown && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      pick(options[activeIndex]);
    } else if (e.key === 'Tab' && shown && !e.shiftKey) {
      pick(options[activeIndex]);
    } else if (e.key === 'Escape' && shown) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  };

  const errorId = `${ownId}-error`;
  const hintId = `${ownId}-hint`;
  return (
    <div className="field combo">
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        ref={props.inputRef}
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-expanded={shown}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown ? `${listId}-${activeIndex}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={[error ? errorId : '', hint ? hintId : ''].join(' ').trim() || undefined}
        value={text}
        placeholder={placeholder}
        onChange={(e) => {
          props.onTextChange(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <div id={listId} role="listbox" aria-label={label} className="combo-list" hidden={!shown}>
        {shown &&
          options.map((o, i) => (
            <div
              key={o.key}
              tabIndex={-1}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === activeIndex}
              className="combo-option"
              onMouseDown={(e) => {
                e.preventDefault();
                pick(o);
              }}
            >
              <span>{o.label}</span>
              {o.detail ? <span className="muted combo-detail">{o.detail}</span> : null}
            </div>
          ))}
      </div>
      {hint ? (
        <span id={hintId} className="field-hint muted">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={errorId} className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
