import type { ComponentStatus, StatuspageComponent } from '@operable/shared';
import { useState, type FormEvent } from 'react';
import { useAnnounce } from '../../announcer';
import { useChecks } from '../../check-queries';
import { useServices } from '../../queries';
import { COMPONENT_STATUS_LABELS, componentBlocks, followsText, statusTone } from '../../statuspage-format';
import { useSaveComponent } from '../../statuspage-queries';
import { errorFor, FormError, SelectField, TextField } from '../Field';

const NO_FILTERS = {};
const STATUSES = Object.keys(COMPONENT_STATUS_LABELS) as ComponentStatus[];

export function StatusBadge({ status }: { status: ComponentStatus }) {
  return <span className={`badge sp-status sp-${statusTone(status)}`}>{COMPONENT_STATUS_LABELS[status]}</span>;
}

/** Components as the page orders them; admins set a status by hand (and give it back to what it follows) and add more. */
export function ComponentsSection({ components, isAdmin }: { components: StatuspageComponent[]; isAdmin: boolean }) {
  const [adding, setAdding] = useState(false);
  return (
    <>
      {components.length === 0 ? (
        <p className="empty">No components yet.{isAdmin && ' Add what customers use: the website, the API, sign-in.'}</p>
      ) : (
        <ul className="plain-list sp-components" aria-label="Components">
          {componentBlocks(components).map((b) =>
            b.group ? (
              <li key={b.group.id} className="sp-group">
                <div className="sp-group-head">
                  <strong>{b.group.name}</strong> <StatusBadge status={b.group.status} />
                </div>
                <ul className="plain-list" aria-label={`${b.group.name} components`}>
                  {b.members.map((c) => (
                    <ComponentRow key={c.id} c={c} isAdmin={isAdmin} />
                  ))}
                </ul>
              </li>
            ) : (
              <ComponentRow key={b.members[0]!.id} c={b.members[0]!} isAdmin={isAdmin} />
            ),
          )}
        </ul>
      )}
      {isAdmin &&
        (adding ? (
          <NewComponentForm groups={components.filter((c) => c.isGroup)} onDone={() => setAdding(false)} />
        ) : (
          <button type="button" className="btn" onClick={() => setAdding(true)}>
            Add a component or group
          </button>
        ))}
    </>
  );
}

function ComponentRow({ c, isAdmin }: { c: StatuspageComponent; isAdmin: boolean }) {
  const save = useSaveComponent(c.id);
  const announce = useAnnounce();
  const follows = followsText(c);
  const set = (value: string) =>
    save.mutate({ status: value === '' ? null : (value as ComponentStatus) }, { onSuccess: (after) => announce(`${after.name} is now ${COMPONENT_STATUS_LABELS[after.status].toLowerCase()}.`) });
  return (
    <li className="sp-component">
      <div className="sp-component-head">
        <span className="sp-component-name">{c.name}</span>
        <StatusBadge status={c.status} />
      </div>
      {c.manualOverride && (
        <p className="sp-override">
          Set by hand; its sources say {COMPONENT_STATUS_LABELS[c.automaticStatus].toLowerCase()}.
        </p>
      )}
      {follows && <p className="muted">{follows}</p>}
      {isAdmin && (
        <SelectField label={`Status of ${c.name}`} value={c.manualStatus ?? ''} onChange={(e) => set(e.target.value)} error={errorFor(save.error, 'status')} disabled={save.isPending}>
          <option value="">{c.sources.length ? 'Follow its sources' : 'Not set (operational)'}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {COMPONENT_STATUS_LABELS[s]} (by hand)
            </option>
          ))}
        </SelectField>
      )}
    </li>
  );
}

function NewComponentForm({ groups, onDone }: { groups: StatuspageComponent[]; onDone: () => void }) {
  const save = useSaveComponent();
  const announce = useAnnounce();
  const services = useServices(NO_FILTERS);
  const checks = useChecks();
  const [name, setName] = useState('');
  const [isGroup, setIsGroup] = useState(false);
  const [groupId, setGroupId] = useState('');
  const [follow, setFollow] = useState('');

  function submit(e: FormEvent) {
    e.preventDefault();
    const [kind, id] = follow.split(':') as ['service' | 'check', string];
    save.mutate(
      { name, isGroup, groupId: isGroup ? null : groupId || null, ...(follow && !isGroup ? { sources: [{ kind, id }] } : {}) },
      {
        onSuccess: (made) => {
          announce(`${made.isGroup ? 'Group' : 'Component'} “${made.name}” added to the page.`);
          onDone();
        },
      },
    );
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="New component">
      <FormError error={save.error} shownFields={['name', 'groupId', 'sources']} />
      <TextField label="Name customers see" value={name} onChange={(e) => setName(e.target.value)} error={errorFor(save.error, 'name')} required />
      <label className="check">
        <input type="checkbox" checked={isGroup} onChange={(e) => setIsGroup(e.target.checked)} />
        It is a group of components
      </label>
      {!isGroup && groups.length > 0 && (
        <SelectField label="In group" value={groupId} onChange={(e) => setGroupId(e.target.value)} error={errorFor(save.error, 'groupId')}>
          <option value="">No group</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </SelectField>
      )}
      {!isGroup && (
        <SelectField label="Follows" hint="Its status changes by itself while this fails." value={follow} onChange={(e) => setFollow(e.target.value)} error={errorFor(save.error, 'sources')}>
          <option value="">Nothing (set by hand)</option>
          <optgroup label="Services (open alerts)">
            {(services.data ?? []).map((s) => (
              <option key={s.id} value={`service:${s.id}`}>
                {s.name}
              </option>
            ))}
          </optgroup>
          <optgroup label="Synthetic checks (down)">
            {(checks.data ?? []).map((c) => (
              <option key={c.id} value={`check:${c.id}`}>
                {c.name}
              </option>
            ))}
          </optgroup>
        </SelectField>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          Add to the page
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
