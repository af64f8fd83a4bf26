import { roleAtLeast, type ReplayRequest, type ReplayResult } from '@operable/shared';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { useAnnounce } from '../announcer';
import { errorFor, fieldIssues, FormError, TextAreaField, TextField } from '../components/Field';
import { Page } from '../components/Page';
import { ReplayResults } from '../components/ReplayResults';
import { defaultPeriod, readAssumeAck, readPeriod, readVariant, summarySentence } from '../replay-format';
import { useCurrentUser } from '../session';

const TITLE = 'Replay: try a change on past alerts';
const EXAMPLE = '{"services":[{"name":"checkout-api","stormWindowSeconds":600}]}';
/** Fields shown beside their inputs; other API errors go in the box at the top. */
const SHOWN = ['history', 'period', 'variant', 'assumeAck'];

type Source = 'period' | 'file';
type Ack = Record<'business' | 'offHours' | 'sleep', string>;

/** A field error of our own, shaped like the API's so the form shows it the same way. */
const localError = (field: string, message: string) => new ApiError(400, 'invalid', 'Check the highlighted field.', { fields: [{ field, message }] });

function useReplay() {
  return useMutation({
    mutationFn: (body: ReplayRequest) => api.post<ReplayResult>('/api/replay', body),
  });
}

/** `/replay`: run past alerts through the real rules with the current configuration and a variant, and compare. */
export function ReplayPage() {
  const user = useCurrentUser();
  return (
    <Page title={TITLE}>
      <p>
        Replays past alerts through the real paging rules on a scratch copy, at full speed: nobody is paged and nothing here changes. Compare
        what the current configuration did to people with what a change would do, before you make it.
      </p>
      {roleAtLeast(user.role, 'responder') ? <ReplayForm /> : <p className="alert alert-info">Only responders and admins can run a replay.</p>}
    </Page>
  );
}

function ReplayForm() {
  const announce = useAnnounce();
  const replay = useReplay();
  const [source, setSource] = useState<Source>('period');
  const [period, setPeriod] = useState(() => defaultPeriod(Date.now()));
  const [file, setFile] = useState<{ name: string; text: string; lines: number } | null>(null);
  const [reading, setReading] = useState(false);
  const [variant, setVariant] = useState('');
  const [ack, setAck] = useState<Ack>({ business: '', offHours: '', sleep: '' });
  const [problem, setProblem] = useState<ApiError | null>(null);
  const results = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (replay.isSuccess) results.current?.focus();
  }, [replay.isSuccess, replay.data]);

  function readFile(e: ChangeEvent<HTMLInputElement>) {
    const chosen = e.target.files?.[0];
    setFile(null);
    if (!chosen) return;
    setReading(true);
    const reader = new FileReader();
    reader.onload = () => {
      const text = String(reader.result ?? '');
      setFile({ name: chosen.name, text, lines: text.split('\n').filter((l) => l.trim()).length });
      setReading(false);
    };
    reader.onerror = () => {
      setProblem(localError('history', `Couldn’t read ${chosen.name}. Choose the file again.`));
      setReading(false);
    };
    reader.readAsText(chosen);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (replay.isPending || reading) return;
    setProblem(null);
    replay.reset();
    const body: ReplayRequest = {};
    if (source === 'period') {
      const p = readPeriod(period.from, period.to);
      if (!p.ok) return setProblem(localError(p.field, p.message));
      body.period = p.period;
    } else {
      if (!file) return setProblem(localError('history', 'Choose a JSON-lines file of alerts to replay.'));
      body.history = file.text;
    }
    const v = readVariant(variant);
    if (!v.ok) return setProblem(localError('variant', v.message));
    if (v.variant) body.variant = v.variant;
    const a = readAssumeAck(ack);
    if (!a.ok) return setProblem(localError(a.field, a.message));
    body.assumeAck = a.assumeAck;
    replay.mutate(body, {
      onSuccess: (r) => announce(`Replay finished. ${summarySentence(r)}.`),
    });
  }

  const busy = replay.error instanceof ApiError && replay.error.status === 409;
  const error = problem ?? (busy ? new ApiError(409, 'conflict', 'Another replay is running on this server. Try again when it has finished; a replay takes up to a minute.') : replay.error);
  const fieldError = (name: string) => errorFor(error, name);
  /** An error about the whole group ("period", "assumeAck"), not one of its fields. */
  const groupError = (name: string) => fieldIssues(error).find((i) => i.field === name)?.message;

  return (
    <>
      <form onSubmit={submit} noValidate className="form replay-form">
        <FormError error={error} shownFields={SHOWN} title="Replay not run." />
        <fieldset className="fieldset">
          <legend>Alerts to replay</legend>
          <label className="check">
            <input type="radio" name="source" value="period" checked={source === 'period'} onChange={() => setSource('period')} />
            This server’s alerts for a period
          </label>
          <label className="check">
            <input type="radio" name="source" value="file" checked={source === 'file'} onChange={() => setSource('file')} />
            An uploaded file of alerts (JSON lines)
          </label>
          {source === 'period' ? (
            <div className="row">
              <TextField
                label="From"
                type="date"
                value={period.from}
                onChange={(e) => setPeriod((p) => ({ ...p, from: e.target.value }))}
                error={fieldError('period.from') ?? groupError('period')}
              />
              <TextField label="To (including)" type="date" value={period.to} onChange={(e) => setPeriod((p) => ({ ...p, to: e.target.value }))} error={fieldError('period.to')} />
            </div>
          ) : (
            <TextField
              label="History file"
              type="file"
              accept=".jsonl,.ndjson,.json,.txt,application/json,application/x-ndjson,text/plain"
              hint="One JSON object a line with its arrival time: Operable’s own export (operable replay export), PagerDuty Events v2, or Alertmanager webhook bodies. Bad lines are listed with their numbers; the rest is replayed."
              onChange={readFile}
              error={fieldError('history')}
            />
          )}
          {source === 'file' && (reading || file) && (
            <p className="muted" role="status">
              {reading ? 'Reading the file…' : `${file!.name}: ${file!.lines.toLocaleString('en')} lines read.`}
            </p>
          )}
          {source === 'period' && fieldError('history') && <p className="field-error">{fieldError('history')}</p>}
        </fieldset>

        <TextAreaField
          label="Variant to compare (optional)"
          className="mono"
          rows={5}
          spellCheck={false}
          placeholder={EXAMPLE}
          hint={
            <>
              JSON with <code>services</code>, <code>escalationPolicies</code>, <code>schedules</code> and <code>users</code>, as the API returns them,
              each named by <code>name</code> (people by <code>email</code>) with the fields to change, e.g. <code className="break">{EXAMPLE}</code>.
              Leave empty to see the current configuration alone.
            </>
          }
          value={variant}
          onChange={(e) => setVariant(e.target.value)}
          error={fieldError('variant')}
        />

        <fieldset className="fieldset">
          <legend>Assume people acknowledge after (optional)</legend>
          <p className="field-hint">
            Minutes from a page to its acknowledgement, by when it reaches the person. Leave all three empty to replay without acknowledgements.
          </p>
          <div className="row">
            {(
              [
                ['business', 'Business hours, minutes'],
                ['offHours', 'Off-hours, minutes'],
                ['sleep', 'Sleep hours, minutes'],
              ] as const
            ).map(([key, label]) => (
              <TextField
                key={key}
                label={label}
                type="number"
                inputMode="numeric"
                min={0}
                max={1440}
                step={1}
                value={ack[key]}
                onChange={(e) => setAck((a) => ({ ...a, [key]: e.target.value }))}
                error={fieldError(`assumeAck.${key}`) ?? (key === 'business' ? groupError('assumeAck') : undefined)}
              />
            ))}
          </div>
        </fieldset>

        <div className="form-actions">
          <button type="submit" className="btn btn-primary" aria-disabled={replay.isPending || reading}>
            {replay.isPending ? 'Running the replay…' : 'Run replay'}
          </button>
        </div>
        <div role="status" className="replay-running">
          {replay.isPending && (
            <p className="alert alert-info">
              <span className="spinner" aria-hidden="true" /> Replaying the alerts through the real rules, current configuration{variant.trim() ? ' and variant' : ''}.
              This can take up to a minute; keep this page open.
            </p>
          )}
        </div>
      </form>

      <div ref={results} tabIndex={-1} className="replay-results-anchor">
        {replay.data && <ReplayResults result={replay.data} />}
      </div>
    </>
  );
}
