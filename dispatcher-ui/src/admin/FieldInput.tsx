// A labelled form field that shows the server's complaint about it (the 400 names the field) under the input.
import type { ReactNode } from 'react';
import { isApiError } from '../api/http.ts';

/** The server's message for this field of a refused request, if it named the field. */
export function fieldError(error: unknown, name: string): string | undefined {
  return isApiError(error) ? error.fields[name] : undefined;
}

export function FieldInput({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error: string | undefined;
  /** The input, select or textarea; give it `id` and `aria-describedby={`${id}-error`}`. */
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error && (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}
