// One labelled password input of the own-password dialog; the three differ only in id, label and autocomplete.
import type { Ref } from 'react';

export function PasswordField({
  id,
  label,
  autoComplete,
  value,
  onChange,
  ref,
}: {
  id: string;
  label: string;
  /** What the browser's password manager offers: the saved password, or a new one to save. */
  autoComplete: 'current-password' | 'new-password';
  value: string;
  onChange: (value: string) => void;
  ref?: Ref<HTMLInputElement>;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={ref}
        type="password"
        autoComplete={autoComplete}
        required
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
