import type { ReplayResult } from '@operable/shared';
import { useMemo, type ReactNode } from 'react';
import { BUCKET_LABEL, BUCKETS, type Diff, diff, downloadName, personRows, summarySentence, teamWeeks, weekLabel } from '../replay-format';
import { PeopleCharts, WeekCharts } from './ReplayCharts';

/** Offers `text` as a file download, without a server round trip. */
function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A number, current → variant, marked fewer/more in words and with an arrow (colour only adds to it). */
function DiffCell({ d }: { d: Diff }) {
  return (
    <td className={`diff-cell diff-${d.direction}`}>
      {d.direction !== 'same' && (
        <span aria-hidden="true" className="diff-mark">
          {d.direction === 'fewer' ? '▼ ' : '▲ '}
        </span>
      )}
      {d.text}
    </td>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `replay-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const moment = (iso: string) =>
  `${new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' })} UTC`;
const minutes = (ms: number | null) => (ms === null ? 'no acknowledgements' : `${Math.round(ms / 60_000)} min`);

/** The replay's answer first, then charts, the per-person table and the lists behind them. */
export function ReplayResults({ result }: { result: ReplayResult }) {
  const cur = result.current.report;
  const variant = result.variant?.report ?? null;
  const rows = useMemo(() => personRows(cur, variant), [cur, variant]);
  const teams = useMemo(() => teamWeeks(cur, variant), [cur, variant]);
  const missed = variant ? variant.missedPages : cur.missedPages;
  const skipped = [...result.current.skipped, ...(result.variant?.skipped ?? [])];
  const withVariant = variant !== null;

  return (
    <div className="replay-results">
      <section className="panel panel-highlight" aria-labelledby="replay-answer">
        <h2 id="replay-answer" className="visually-hidden">
          The answer
        </h2>
        <p className="replay-answer">{summarySentence(result)}.</p>
        <p className="muted">
          {result.events.toLocaleString('en')} events from {result.lines.toLocaleString('en')} lines, {day(cur.from)} to {day(cur.until)}.
          {result.variant && ` The variant changed ${result.variant.changes.join('; ') || 'nothing'}.`}
          {result.errors.length > 0 && ` ${result.errors.length === 1 ? 'One line' : `${result.errors.length} lines`} could not be read (listed below).`}
        </p>
        <ul className="plain-list replay-facts">
          <li>Alerts that paged someone: {diff(cur.alerts.paged, variant?.alerts.paged ?? null).text}</li>
          <li>Alerts that joined a storm group: {diff(cur.alerts.grouped, variant?.alerts.grouped ?? null).text}</li>
          <li>
            Critical alerts that would reach nobody: {diff(cur.missedPages.length, variant?.missedPages.length ?? null).text}
          </li>
          {cur.mtta.count > 0 && (
            <li>
              Time to acknowledge, median: {minutes(cur.mtta.p50)}
              {variant && ` → ${minutes(variant.mtta.p50)}`}
            </li>
          )}
        </ul>
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => download(downloadName(cur, 'md'), 'text/markdown', result.markdown)}>
            Download Markdown
          </button>
          <button type="button" className="btn" onClick={() => download(downloadName(cur, 'json'), 'application/json', `${JSON.stringify(result, null, 2)}\n`)}>
            Download JSON
          </button>
        </div>
      </section>

      <Section title="Interruptions per person">
        <PeopleCharts rows={rows} withVariant={withVariant} />
        {rows.length > 0 && (
          <>
            <p className="scroll-hint muted" aria-hidden="true">
              Scroll the table sideways for more columns.
            </p>
            <div className="table-wrap" role="region" aria-label="Interruptions per person, as a table" tabIndex={0}>
              <table className="replay-table">
                <caption className="visually-hidden">
                  Interruptions per person{withVariant ? ', current → variant' : ''}; rows that change are marked
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Person</th>
                    {BUCKETS.map((b) => (
                      <th scope="col" key={b}>
                        {BUCKET_LABEL[b]}
                      </th>
                    ))}
                    <th scope="col">All</th>
                    <th scope="col">Page events</th>
                    <th scope="col">Recovery days</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.email} className={r.changed ? 'row-changed' : undefined}>
                      <th scope="row">
                        {r.name}
                        {r.changed && <span className="visually-hidden"> (changes)</span>}
                        <span className="muted replay-zone">{r.zone}</span>
                      </th>
                      {BUCKETS.map((b) => (
                        <DiffCell key={b} d={r.buckets[b]} />
                      ))}
                      <DiffCell d={r.total} />
                      <DiffCell d={r.pageEvents} />
                      <DiffCell d={r.recoveryDays} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Section>

      <Section title="Page events per team and week">
        <WeekCharts teams={teams} withVariant={withVariant} />
        {teams.some((t) => t.weeks.length) && (
          <details className="replay-details">
            <summary>The same as a list</summary>
            <ul>
              {teams.map((t) => (
                <li key={t.team}>
                  <strong>{t.team}</strong>:{' '}
                  {t.weeks.map((w, i) => `week of ${weekLabel(w)} ${diff(t.current[i]!, t.variant ? t.variant[i]! : null).text}`).join('; ')}
                </li>
              ))}
            </ul>
          </details>
        )}
      </Section>

      <Section title={`Critical alerts that would reach nobody${withVariant ? ' (variant)' : ''}`}>
        {missed.length === 0 ? (
          <p>None: every critical alert reaches someone.</p>
        ) : (
          <ul>
            {missed.slice(0, 50).map((m) => (
              <li key={`${m.service}:${m.key}:${m.at}`}>
                <strong>{m.service}</strong>: {m.summary} <span className="muted nowrap">({moment(m.at)})</span>
              </li>
            ))}
            {missed.length > 50 && <li>…and {missed.length - 50} more (in the downloads).</li>}
          </ul>
        )}
      </Section>

      <Section title={`Noisiest sources${withVariant ? ' (current configuration)' : ''}`}>
        {cur.noisiest.length === 0 ? (
          <p>None.</p>
        ) : (
          <ol>
            {cur.noisiest.map((n) => (
              <li key={`${n.service}:${n.key ?? ''}`}>
                <strong>{n.service}</strong>
                {n.key && <span className="mono break"> {n.key}</span>}: {n.pageEvents === 1 ? '1 page event' : `${n.pageEvents} page events`}, {n.sleepInterruptions} in sleep hours
              </li>
            ))}
          </ol>
        )}
      </Section>

      {(result.errors.length > 0 || skipped.length > 0) && (
        <Section title="Lines that were not replayed">
          <ul>
            {result.errors.map((e) => (
              <li key={`e${e.line}`}>
                Line {e.line}: {e.error}
              </li>
            ))}
            {skipped.map((e, i) => (
              <li key={`s${e.line}-${i}`}>
                Line {e.line} (read, but could not be replayed): {e.error}
              </li>
            ))}
          </ul>
        </Section>
      )}
    </div>
  );
}
