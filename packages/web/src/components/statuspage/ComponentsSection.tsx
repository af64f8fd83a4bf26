import type { ComponentStatus, StatuspageComponent } from '@operable/shared';
import { useState, type ReactNode } from 'react';
import { useAnnounce } from '../../announcer';
import { errorMessage } from '../../api';
import { COMPONENT_STATUS_LABELS, componentBlocks, followsText, statusTone } from '../../statuspage-format';
import { deleteComponent, useRefreshStatuspage, useSaveComponent } from '../../statuspage-queries';
import { DangerButton } from '../DangerButton';
import { errorFor, SelectField } from '../Field';
import { ComponentForm } from './ComponentForm';

const STATUSES = Object.keys(COMPONENT_STATUS_LABELS) as ComponentStatus[];

export function StatusBadge({ status }: { status: ComponentStatus }) {
  return <span className={`badge sp-status sp-${statusTone(status)}`}>{COMPONENT_STATUS_LABELS[status]}</span>;
}

/**
 * Components as the page orders them. Admins shape the page here: add, change and
 * remove components and groups, set a status by hand and give it back to what it follows.
 */
export function ComponentsSection({ components, isAdmin }: { components: StatuspageComponent[]; isAdmin: boolean }) {
  const [adding, setAdding] = useState(false);
  const groups = components.filter((c) => c.isGroup);
  return (
    <>
      {components.length === 0 ? (
        <p className="empty">No components yet.{isAdmin && ' Add what customers use: the website, the API, sign-in.'}</p>
      ) : (
        <ul className="plain-list sp-components" aria-label="Components">
          {componentBlocks(components).map((b) =>
            b.group ? (
              <li key={b.group.id} className="sp-group">
                <GroupHead group={b.group} members={b.members.length} groups={groups} isAdmin={isAdmin} />
                <ul className="plain-list" aria-label={`${b.group.name} components`}>
                  {b.members.map((c) => (
                    <ComponentRow key={c.id} c={c} groups={groups} isAdmin={isAdmin} />
                  ))}
                </ul>
              </li>
            ) : (
              <ComponentRow key={b.members[0]!.id} c={b.members[0]!} groups={groups} isAdmin={isAdmin} />
            ),
          )}
        </ul>
      )}
      {isAdmin &&
        (adding ? (
          <ComponentForm groups={groups} onDone={() => setAdding(false)} />
        ) : (
          <button type="button" className="btn" onClick={() => setAdding(true)}>
            Add a component or group
          </button>
        ))}
    </>
  );
}

function GroupHead({ group, members, groups, isAdmin }: { group: StatuspageComponent; members: number; groups: StatuspageComponent[]; isAdmin: boolean }) {
  const [editing, setEditing] = useState(false);
  return (
    <>
      <div className="sp-group-head">
        <strong className="sp-component-name">{group.name}</strong> <StatusBadge status={group.status} />
      </div>
      {group.description && <p className="muted">{group.description}</p>}
      {isAdmin &&
        (editing ? (
          <ComponentForm component={group} groups={groups} onDone={() => setEditing(false)} />
        ) : (
          <Actions c={group} onEdit={() => setEditing(true)}>
            <p>
              Customers no longer see the group <strong>{group.name}</strong>.{' '}
              {members === 0 ? 'It has no components.' : `Its ${members === 1 ? 'component stays' : `${members} components stay`} on the page, without a group.`}
            </p>
          </Actions>
        ))}
    </>
  );
}

function ComponentRow({ c, groups, isAdmin }: { c: StatuspageComponent; groups: StatuspageComponent[]; isAdmin: boolean }) {
  const save = useSaveComponent(c.id);
  const announce = useAnnounce();
  const [editing, setEditing] = useState(false);
  const follows = followsText(c);
  const set = (value: ComponentStatus | null) =>
    save.mutate(
      { status: value },
      {
        onSuccess: (after) =>
          announce(value === null ? `${after.name} follows its sources again: ${COMPONENT_STATUS_LABELS[after.status].toLowerCase()}.` : `${after.name} is now ${COMPONENT_STATUS_LABELS[after.status].toLowerCase()}.`),
      },
    );
  return (
    <li className="sp-component">
      <div className="sp-component-head">
        <span className="sp-component-name">{c.name}</span>
        <StatusBadge status={c.status} />
      </div>
      {c.description && <p className="muted">{c.description}</p>}
      {c.manualOverride && (
        <div className="sp-override-row">
          <p className="sp-override">Set by hand; its sources say {COMPONENT_STATUS_LABELS[c.automaticStatus].toLowerCase()}.</p>
          {isAdmin && (
            <button type="button" className="btn btn-small" onClick={() => set(null)} disabled={save.isPending} aria-label={`${c.name}: follow its sources again`}>
              Follow its sources again
            </button>
          )}
        </div>
      )}
      {follows && <p className="muted">{follows}</p>}
      {isAdmin && !editing && (
        <SelectField
          label={`Status of ${c.name}`}
          value={c.manualStatus ?? ''}
          onChange={(e) => set(e.target.value === '' ? null : (e.target.value as ComponentStatus))}
          error={save.error ? (errorFor(save.error, 'status') ?? errorMessage(save.error)) : undefined}
          disabled={save.isPending}
        >
          <option value="">{c.sources.length ? 'Follow its sources' : 'Not set (operational)'}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {COMPONENT_STATUS_LABELS[s]} (by hand)
            </option>
          ))}
        </SelectField>
      )}
      {isAdmin &&
        (editing ? (
          <ComponentForm component={c} groups={groups} onDone={() => setEditing(false)} />
        ) : (
          <Actions c={c} onEdit={() => setEditing(true)}>
            <p>
              Customers no longer see <strong>{c.name}</strong>, and its 90-day history goes with it. Incidents that named it keep their words. This can’t be
              undone.
            </p>
          </Actions>
        ))}
    </li>
  );
}

/** Edit and remove for one component or group (admins). */
function Actions({ c, onEdit, children }: { c: StatuspageComponent; onEdit: () => void; children: ReactNode }) {
  const refresh = useRefreshStatuspage();
  const announce = useAnnounce();
  const what = c.isGroup ? 'group' : 'component';
  return (
    <div className="method-actions sp-actions">
      <button type="button" className="btn btn-small" onClick={onEdit} aria-label={`Edit ${c.name}`}>
        Edit
      </button>
      <DangerButton
        small
        label="Remove"
        ariaLabel={`Remove ${c.name}`}
        title={`Remove the ${what} “${c.name}”?`}
        confirmLabel={`Remove ${what}`}
        action={() => deleteComponent(c.id)}
        onDone={() => {
          void refresh();
          announce(`${c.isGroup ? 'Group' : 'Component'} “${c.name}” removed from the page.`);
        }}
      >
        {children}
      </DangerButton>
    </div>
  );
}
