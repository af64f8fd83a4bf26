function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  if (v === undefined) return '—';
  return typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v, null, 2);
}

/** Before/after values of an audit entry, field by field, with changed fields marked. */
export function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  if (!isRecord(before) && !isRecord(after)) {
    return (
      <div className="diff-raw">
        <div>
          <h3>Before</h3>
          <pre>{before == null ? '—' : show(before)}</pre>
        </div>
        <div>
          <h3>After</h3>
          <pre>{after == null ? '—' : show(after)}</pre>
        </div>
      </div>
    );
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  const changed = (f: string) => JSON.stringify(b[f]) !== JSON.stringify(a[f]);
  const count = fields.filter(changed).length;
  return (
    <div className="table-wrap">
      <table className="diff">
        <caption>
          {before == null ? 'Created with these values' : after == null ? 'Deleted; last values' : `${count} field${count === 1 ? '' : 's'} changed`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr key={f} className={changed(f) && before != null && after != null ? 'diff-changed' : undefined}>
              <th scope="row">
                {f}
                {changed(f) && before != null && after != null && <span className="visually-hidden"> (changed)</span>}
              </th>
              <td>
                <pre>{before == null ? '' : show(b[f])}</pre>
              </td>
              <td>
                <pre>{after == null ? '' : show(a[f])}</pre>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
