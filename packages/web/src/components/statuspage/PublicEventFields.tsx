import type { StatuspageComponent } from '@operable/shared';
import { useState, type ReactNode } from 'react';
import { IMPACT_LABELS, IMPACTS } from '../../statuspage-format';
import { errorFor, SelectField, TextField } from '../Field';
import { ComponentChecklist } from './ComponentChecklist';

/** What both forms ask of a public incident or maintenance, as the person types it. */
export function usePublicEventDraft(initial: { name: string; impact: string; from: string; until: string; chosen: string[] }) {
  const [name, setName] = useState(initial.name);
  const [impact, setImpact] = useState(initial.impact);
  // A maintenance window's times, as `datetime-local` values in the viewer's zone.
  const [from, setFrom] = useState(initial.from);
  const [until, setUntil] = useState(initial.until);
  const [chosen, setChosen] = useState(initial.chosen);
  return { name, setName, impact, setImpact, from, setFrom, until, setUntil, chosen, setChosen };
}
export type PublicEventDraft = ReturnType<typeof usePublicEventDraft>;

interface Props {
  isIncident: boolean;
  draft: PublicEventDraft;
  /** The last save's error: each field shows the part that names it. */
  error: unknown;
  leaves: StatuspageComponent[];
  /** Below a maintenance window's times (the edit form's "start and complete it by itself"). */
  windowExtra?: ReactNode;
}

/** What a public incident or maintenance is, as both the new and the edit form ask it. */
export function PublicEventFields({ isIncident, draft: d, error, leaves, windowExtra }: Props) {
  return (
    <>
      <TextField label="Title customers see" value={d.name} onChange={(e) => d.setName(e.target.value)} error={errorFor(error, 'name')} required />
      {isIncident ? (
        <SelectField label="Impact" value={d.impact} onChange={(e) => d.setImpact(e.target.value)} error={errorFor(error, 'impact')}>
          {IMPACTS.map((x) => (
            <option key={x} value={x}>
              {IMPACT_LABELS[x]}
            </option>
          ))}
        </SelectField>
      ) : (
        <>
          <div className="row">
            <TextField label="Starts" type="datetime-local" value={d.from} onChange={(e) => d.setFrom(e.target.value)} error={errorFor(error, 'scheduledFor')} required />
            <TextField label="Ends" type="datetime-local" value={d.until} onChange={(e) => d.setUntil(e.target.value)} error={errorFor(error, 'scheduledUntil')} required />
          </div>
          {windowExtra}
        </>
      )}
      <ComponentChecklist
        legend={isIncident ? 'Affected components' : 'Components under maintenance'}
        leaves={leaves}
        chosen={d.chosen}
        onChange={d.setChosen}
        error={errorFor(error, 'componentIds')}
      />
    </>
  );
}
