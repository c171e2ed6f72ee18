// One wallboard figure: a label, a big value readable across the room, and a line saying what it means.
import type { ReactNode } from 'react';

export interface FigureProps {
  id: string;
  label: string;
  value: ReactNode;
  /** Under the value: the target, or what the state means. */
  note?: ReactNode;
  /** Look of the tile; always said in words and an icon too. */
  tone?: 'plain' | 'good' | 'warning' | 'bad';
  icon?: string;
}

export function Figure({ id, label, value, note, tone = 'plain', icon }: FigureProps) {
  return (
    <div className={`wb-figure wb-${tone}`} data-figure={id}>
      <span className="wb-label">{label}</span>
      <span className="wb-value">
        {icon ? (
          <span className="wb-icon" aria-hidden="true">
            {icon}
          </span>
        ) : null}
        <span className="wb-number">{value}</span>
      </span>
      {note ? <span className="wb-note">{note}</span> : null}
    </div>
  );
}
