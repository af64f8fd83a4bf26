import type { StatuspageComponent } from '@operable/shared';
import { useState, type FormEvent } from 'react';
import { useAnnounce } from '../../announcer';
import { useSaveComponent } from '../../statuspage-queries';
import { errorFor, FormActions, FormError, SelectField, TextAreaField, TextField } from '../Field';
import { SourcesField, type FailingStatus, type SourceDraft } from './SourcesField';

interface Props {
  /** The component or group to change; none: a new one. */
  component?: StatuspageComponent;
  groups: StatuspageComponent[];
  onDone: () => void;
}

const SHOWN = ['name', 'description', 'isGroup', 'groupId', 'sources'];

const draftsOf = (c?: StatuspageComponent): SourceDraft[] =>
  (c?.sources ?? []).map((s) => ({ kind: s.kind === 'check' ? 'check' : 'service', id: s.id, name: s.name, failingStatus: s.failingStatus as FailingStatus }));

/** Adds a component or group, or changes one: its name and words, its group, what it follows. */
export function ComponentForm({ component, groups, onDone }: Props) {
  const save = useSaveComponent(component?.id);
  const announce = useAnnounce();
  const [name, setName] = useState(component?.name ?? '');
  const [description, setDescription] = useState(component?.description ?? '');
  const [isGroup, setIsGroup] = useState(component?.isGroup ?? false);
  const [groupId, setGroupId] = useState(component?.groupId ?? '');
  const [sources, setSources] = useState<SourceDraft[]>(() => draftsOf(component));
  const editing = Boolean(component);
  const what = isGroup ? 'group' : 'component';

  function submit(e: FormEvent) {
    e.preventDefault();
    const shape = isGroup ? {} : { groupId: groupId || null, sources: sources.map(({ kind, id, failingStatus }) => ({ kind, id, failingStatus })) };
    save.mutate(
      { name, description, ...(editing ? {} : { isGroup }), ...shape },
      {
        onSuccess: (saved) => {
          announce(editing ? `${saved.isGroup ? 'Group' : 'Component'} “${saved.name}” saved.` : `${saved.isGroup ? 'Group' : 'Component'} “${saved.name}” added to the page.`);
          onDone();
        },
      },
    );
  }

  return (
    <form className="form sp-component-form" onSubmit={submit} noValidate aria-label={editing ? `Edit ${component!.name}` : 'New component'}>
      <FormError error={save.error} shownFields={SHOWN} />
      <TextField label="Name customers see" value={name} onChange={(e) => setName(e.target.value)} error={errorFor(save.error, 'name')} required />
      <TextAreaField
        label="Description"
        hint="Optional. Shown under its name on the public page."
        rows={2}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        error={errorFor(save.error, 'description')}
      />
      {!editing && (
        <label className="check">
          <input type="checkbox" checked={isGroup} onChange={(e) => setIsGroup(e.target.checked)} />
          It is a group of components
        </label>
      )}
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
      {isGroup ? (
        <p className="muted">A group shows the worst status of its members; it follows nothing itself.</p>
      ) : (
        <SourcesField componentName={name} value={sources} onChange={setSources} error={errorFor(save.error, 'sources')} />
      )}
      <FormActions submit={editing ? `Save ${what}` : 'Add to the page'} pending={save.isPending} onCancel={onDone} />
    </form>
  );
}
