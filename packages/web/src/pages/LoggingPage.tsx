import type { LogLevel } from '@operable/shared';
import { LOG_LEVELS } from '@operable/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api';
import { useAnnounce } from '../announcer';
import { Loading, Page, QueryError } from '../components/Page';
import { keys } from '../queries';

interface Entry {
  eventId: string;
  level: LogLevel;
  defaultLevel: LogLevel;
}

export function LoggingPage() {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const list = useQuery({
    queryKey: keys.logLevels,
    queryFn: () => api.get<{ items: Entry[] }>('/api/admin/log-levels').then((r) => r.items),
  });
  const set = useMutation({
    mutationFn: (v: { eventId: string; level: LogLevel }) =>
      api.put<unknown>(`/api/admin/log-levels/${encodeURIComponent(v.eventId)}`, { level: v.level }),
    onSuccess: (_r, v) => {
      qc.setQueryData<Entry[]>(keys.logLevels, (old) =>
        old?.map((e) => (e.eventId === v.eventId ? { ...e, level: v.level } : e)),
      );
      qc.invalidateQueries({ queryKey: keys.logLevels });
      announce(`${v.eventId} now logs at “${v.level}”.`);
    },
    onError: (e, v) => announce(`Couldn’t change ${v.eventId}: ${errorMessage(e)}`, 'error'),
  });

  return (
    <Page title="Logging">
      <p>
        Choose how important each kind of server log line is. Lines below the server’s minimum level are not written;
        “silent” turns an event off. Changes take effect immediately, without a restart.
      </p>
      {list.isPending ? (
        <Loading what="Loading log settings" />
      ) : list.isError ? (
        <QueryError error={list.error} retry={() => list.refetch()} />
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Level</th>
                <th scope="col">Default</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((e) => (
                <LevelRow
                  key={e.eventId}
                  entry={e}
                  busy={set.isPending && set.variables?.eventId === e.eventId}
                  onSave={(level) => set.mutate({ eventId: e.eventId, level })}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

function LevelRow({ entry, busy, onSave }: { entry: Entry; busy: boolean; onSave: (level: LogLevel) => void }) {
  const [draft, setDraft] = useState<LogLevel>(entry.level);
  useEffect(() => setDraft(entry.level), [entry.level]);
  const selectId = `level-${entry.eventId}`;
  const dirty = draft !== entry.level;
  const mode = dirty ? 'save' : entry.level !== entry.defaultLevel ? 'reset' : null;
  return (
    <tr className={entry.level !== entry.defaultLevel ? 'row-changed' : undefined}>
      <th scope="row" className="mono">
        <label htmlFor={selectId}>{entry.eventId}</label>
      </th>
      <td>
        <select id={selectId} value={draft} onChange={(ev) => setDraft(ev.target.value as LogLevel)}>
          {LOG_LEVELS.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </td>
      <td>{entry.defaultLevel}</td>
      <td className="row-actions">
        {mode && (
          <button
            type="button"
            className={`btn btn-small${mode === 'save' ? ' btn-primary' : ''}`}
            aria-label={mode === 'save' ? `Save ${entry.eventId} level` : `Reset ${entry.eventId} to ${entry.defaultLevel}`}
            aria-disabled={busy}
            onClick={() => !busy && onSave(mode === 'save' ? draft : entry.defaultLevel)}
          >
            {mode === 'save' ? 'Save' : 'Reset to default'}
          </button>
        )}
      </td>
    </tr>
  );
}
