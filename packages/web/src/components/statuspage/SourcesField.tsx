import { useChecks } from '../../check-queries';
import { useServices } from '../../queries';
import { COMPONENT_STATUS_LABELS } from '../../statuspage-format';
import { SelectField } from '../Field';

export type FailingStatus = 'degraded_performance' | 'partial_outage' | 'major_outage';
export interface SourceDraft {
  kind: 'service' | 'check';
  id: string;
  /** Null when the service or check it pointed at is gone. */
  name: string | null;
  failingStatus: FailingStatus;
}

const NO_FILTERS = {};
const FAILING: FailingStatus[] = ['degraded_performance', 'partial_outage', 'major_outage'];
const KIND_WORD = { service: 'service', check: 'check' } as const;

interface Props {
  componentName: string;
  value: SourceDraft[];
  onChange: (next: SourceDraft[]) => void;
  error?: string;
}

/**
 * What a component follows: each source with the status it shows while that source
 * fails, and a picker for one more. Several sources: the page shows the worst.
 */
export function SourcesField({ componentName, value, onChange, error }: Props) {
  const services = useServices(NO_FILTERS);
  const checks = useChecks();
  const taken = new Set(value.map((s) => `${s.kind}:${s.id}`));
  const name = componentName.trim() || 'this component';

  function add(key: string) {
    const [kind, id] = key.split(':') as ['service' | 'check', string];
    const found = kind === 'service' ? services.data?.find((s) => s.id === id) : checks.data?.find((c) => c.id === id);
    if (found) onChange([...value, { kind, id, name: found.name, failingStatus: 'partial_outage' }]);
  }
  const setFailing = (i: number, failingStatus: FailingStatus) => onChange(value.map((s, j) => (j === i ? { ...s, failingStatus } : s)));

  return (
    <fieldset className="fieldset sp-sources">
      <legend>What it follows</legend>
      {value.length === 0 ? (
        <p className="muted">Nothing: its status changes only when someone sets it.</p>
      ) : (
        <ul className="plain-list" aria-label={`What ${name} follows`}>
          {value.map((s, i) => {
            const label = s.name ? `${s.name} (${KIND_WORD[s.kind]})` : `A deleted ${KIND_WORD[s.kind]}`;
            return (
              <li key={`${s.kind}:${s.id}`} className="sp-source">
                <SelectField
                  label={`While ${label} fails, show`}
                  hint={s.name ? undefined : 'It no longer exists: stop following it to save.'}
                  value={s.failingStatus}
                  onChange={(e) => setFailing(i, e.target.value as FailingStatus)}
                >
                  {FAILING.map((f) => (
                    <option key={f} value={f}>
                      {COMPONENT_STATUS_LABELS[f]}
                    </option>
                  ))}
                </SelectField>
                <button type="button" className="btn btn-small" onClick={() => onChange(value.filter((_, j) => j !== i))} aria-label={`Stop following ${label}`}>
                  Stop following
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <SelectField label="Also follow" hint="A service fails while it has an open alert; a check while it is down." value="" onChange={(e) => add(e.target.value)}>
        <option value="">Choose a service or check…</option>
        <optgroup label="Services">
          {(services.data ?? [])
            .filter((s) => !taken.has(`service:${s.id}`))
            .map((s) => (
              <option key={s.id} value={`service:${s.id}`}>
                {s.name}
              </option>
            ))}
        </optgroup>
        <optgroup label="Synthetic checks">
          {(checks.data ?? [])
            .filter((c) => !taken.has(`check:${c.id}`))
            .map((c) => (
              <option key={c.id} value={`check:${c.id}`}>
                {c.name}
              </option>
            ))}
        </optgroup>
      </SelectField>
      {error && (
        <p className="field-error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </fieldset>
  );
}
