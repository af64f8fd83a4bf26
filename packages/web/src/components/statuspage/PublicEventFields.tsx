import type { StatuspageComponent } from '@operable/shared';
import type { ReactNode } from 'react';
import { IMPACT_LABELS, IMPACTS } from '../../statuspage-format';
import { errorFor, SelectField, TextField } from '../Field';
import { ComponentChecklist } from './ComponentChecklist';

interface Props {
  isIncident: boolean;
  /** The last save's error: each field shows the part that names it. */
  error: unknown;
  name: string;
  onName: (v: string) => void;
  impact: string;
  onImpact: (v: string) => void;
  /** A maintenance window's times, as `datetime-local` values in the viewer's zone. */
  from: string;
  onFrom: (v: string) => void;
  until: string;
  onUntil: (v: string) => void;
  leaves: StatuspageComponent[];
  chosen: string[];
  onChosen: (ids: string[]) => void;
  /** Below a maintenance window's times (the edit form's "start and complete it by itself"). */
  windowExtra?: ReactNode;
}

/** What a public incident or maintenance is, as both the new and the edit form ask it. */
export function PublicEventFields(p: Props) {
  return (
    <>
      <TextField label="Title customers see" value={p.name} onChange={(e) => p.onName(e.target.value)} error={errorFor(p.error, 'name')} required />
      {p.isIncident ? (
        <SelectField label="Impact" value={p.impact} onChange={(e) => p.onImpact(e.target.value)} error={errorFor(p.error, 'impact')}>
          {IMPACTS.map((x) => (
            <option key={x} value={x}>
              {IMPACT_LABELS[x]}
            </option>
          ))}
        </SelectField>
      ) : (
        <>
          <div className="row">
            <TextField label="Starts" type="datetime-local" value={p.from} onChange={(e) => p.onFrom(e.target.value)} error={errorFor(p.error, 'scheduledFor')} required />
            <TextField label="Ends" type="datetime-local" value={p.until} onChange={(e) => p.onUntil(e.target.value)} error={errorFor(p.error, 'scheduledUntil')} required />
          </div>
          {p.windowExtra}
        </>
      )}
      <ComponentChecklist
        legend={p.isIncident ? 'Affected components' : 'Components under maintenance'}
        leaves={p.leaves}
        chosen={p.chosen}
        onChange={p.onChosen}
        error={errorFor(p.error, 'componentIds')}
      />
    </>
  );
}
