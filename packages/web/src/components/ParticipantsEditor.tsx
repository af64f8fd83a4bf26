import type { User } from '@operable/shared';
import { useEffect, useRef, useState } from 'react';
import { useAnnounce } from '../announcer';
import { draftKey, moveItem, type DraftParticipant } from '../schedule-draft';

interface Props {
  /** "layer 1", for labels that must be unique on the page. */
  where: string;
  idPrefix: string;
  participants: DraftParticipant[];
  users: User[];
  error?: string;
  onChange: (participants: DraftParticipant[]) => void;
}

/** The rotation order of a layer: add, remove and move people. Someone may appear twice. */
export function ParticipantsEditor({ where, idPrefix, participants, users, error, onChange }: Props) {
  const announce = useAnnounce();
  const [pick, setPick] = useState('');
  const root = useRef<HTMLDivElement>(null);
  const focusNext = useRef<string | null>(null);

  // Keep focus on the moved person's button (or the list) instead of losing it to <body>.
  useEffect(() => {
    const target = focusNext.current;
    focusNext.current = null;
    if (!target) return;
    const el = root.current?.querySelector<HTMLElement>(`[data-focus="${target}"]`);
    (el && !el.hasAttribute('disabled') ? el : root.current?.querySelector<HTMLElement>('[data-focus="pick"]'))?.focus();
  }, [participants]);

  function move(i: number, by: -1 | 1) {
    const p = participants[i];
    if (!p) return;
    const to = i + by;
    const atEdge = to === 0 || to === participants.length - 1;
    // At an end the button just used is disabled: go to the other one.
    focusNext.current = `${p.key}-${(by < 0) !== atEdge ? 'up' : 'down'}`;
    onChange(moveItem(participants, i, i + by));
    announce(`${p.name} moved to position ${i + by + 1} of ${participants.length}.`, 'info');
  }

  function remove(i: number) {
    const p = participants[i];
    if (!p) return;
    focusNext.current = 'pick';
    onChange(participants.filter((_, j) => j !== i));
    announce(`${p.name} removed from ${where}.`, 'info');
  }

  function add() {
    const u = users.find((x) => x.id === pick);
    if (!u) return;
    onChange([...participants, { key: draftKey(), id: u.id, name: u.name }]);
    setPick('');
  }

  return (
    <div ref={root} className="participants">
      <h4 className="targets-title">Rotation order</h4>
      {participants.length === 0 ? (
        <p className={error ? 'field-error' : 'muted'}>{error ?? 'Nobody yet: add the people who take turns, in order.'}</p>
      ) : (
        <>
          <ol className="participant-list" aria-label={`Rotation order, ${where}`}>
            {participants.map((p, i) => (
              <li key={p.key} className="target">
                <span>
                  <span className="muted">{i + 1}.</span> {p.name}
                </span>
                <span className="step-controls">
                  <button type="button" className="btn btn-small" data-focus={`${p.key}-up`} disabled={i === 0} aria-label={`Move ${p.name} up in ${where}`} onClick={() => move(i, -1)}>
                    Up
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    data-focus={`${p.key}-down`}
                    disabled={i === participants.length - 1}
                    aria-label={`Move ${p.name} down in ${where}`}
                    onClick={() => move(i, 1)}
                  >
                    Down
                  </button>
                  <button type="button" className="btn btn-small btn-danger-outline" aria-label={`Remove ${p.name} from ${where}`} onClick={() => remove(i)}>
                    Remove
                  </button>
                </span>
              </li>
            ))}
          </ol>
          {error && <p className="field-error">{error}</p>}
        </>
      )}
      <div className="inline-form">
        <div className="field">
          <label htmlFor={`${idPrefix}-pick`}>Add a person to {where}</label>
          <select id={`${idPrefix}-pick`} data-focus="pick" value={pick} onChange={(e) => setPick(e.target.value)}>
            <option value="">Choose a person…</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.email})
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="btn" disabled={!pick || participants.length >= 100} onClick={add}>
          Add person
        </button>
      </div>
    </div>
  );
}
