import type { StatuspageComponent } from '@operable/shared';

interface Props {
  legend: string;
  /** Components an incident can name (groups show their members). */
  leaves: StatuspageComponent[];
  chosen: string[];
  onChange: (next: string[]) => void;
  error?: string;
}

/** The components an incident or maintenance names, as checkboxes. */
export function ComponentChecklist({ legend, leaves, chosen, onChange, error }: Props) {
  if (!leaves.length) return null;
  return (
    <fieldset className="fieldset">
      <legend>{legend}</legend>
      <div className="check-list">
        {leaves.map((c) => (
          <label key={c.id} className="check">
            <input type="checkbox" checked={chosen.includes(c.id)} onChange={(e) => onChange(e.target.checked ? [...chosen, c.id] : chosen.filter((x) => x !== c.id))} />
            {c.name}
          </label>
        ))}
      </div>
      {error && (
        <p className="field-error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </fieldset>
  );
}
