import type { AlertDetail } from '@operable/shared';
import { Disclosure } from './Disclosure';

const isUrl = (v: string) => /^https?:\/\/\S+$/i.test(v);

function ExternalLink({ href, text }: { href: string; text?: string }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" className="break">
      {text || href}
      <span className="visually-hidden"> (opens in a new tab)</span>
    </a>
  );
}

/** A value as readable text: links clickable, lists and objects as nested key/value, never JSON. */
function Value({ value, depth }: { value: unknown; depth: number }) {
  if (value === null || value === undefined || value === '') return <span className="muted">(empty)</span>;
  if (typeof value === 'string') return isUrl(value) ? <ExternalLink href={value} /> : <span className="prewrap break">{value}</span>;
  if (typeof value !== 'object') return <span>{String(value)}</span>;
  if (depth > 4) return <span className="muted">(nested too deep to show)</span>;
  if (Array.isArray(value)) {
    if (!value.length) return <span className="muted">(none)</span>;
    return (
      <ul className="kv-list">
        {value.map((v, i) => (
          <li key={i}>
            <Value value={v} depth={depth + 1} />
          </li>
        ))}
      </ul>
    );
  }
  return <KeyValues record={value as Record<string, unknown>} depth={depth + 1} />;
}

function KeyValues({ record, depth }: { record: Record<string, unknown>; depth: number }) {
  const entries = Object.entries(record);
  if (!entries.length) return <span className="muted">(none)</span>;
  return (
    <dl className="details-list">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>
            <Value value={v} depth={depth} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** What the sender sent, last on the page and folded: links first, then every field as key/value. */
export function SenderDetails({ alert: a }: { alert: AlertDetail }) {
  const fields = Object.keys(a.details).length;
  return (
    <Disclosure level={2} title="What the sender sent" meta={<p className="muted">{fields === 1 ? '1 field' : `${fields} fields`}{a.links.length ? `, ${a.links.length === 1 ? '1 link' : `${a.links.length} links`}` : ''}, source and deduplication key</p>}>
      {a.links.length > 0 && (
        <ul className="plain-list" aria-label="Links from the sender">
          {a.links.map((l, i) => (
            <li key={`${l.href}-${i}`}>{isUrl(l.href) ? <ExternalLink href={l.href} text={l.text} /> : <span className="break">{l.text ? `${l.text}: ${l.href}` : l.href}</span>}</li>
          ))}
        </ul>
      )}
      <KeyValues
        record={{
          ...(a.source ? { Source: a.source } : {}),
          ...(a.severity ? { 'Severity (as sent)': a.severity } : {}),
          ...a.details,
          'Deduplication key': a.dedupKey,
        }}
        depth={0}
      />
    </Disclosure>
  );
}
