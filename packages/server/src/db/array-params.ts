/** PostgreSQL's type id for json: a binary array names its elements' type. */
const JSON_OID = 114;

/**
 * A `json[]` parameter in PostgreSQL's binary array format, from JSON texts: the
 * database validates each element once and stores it as it is. The alternatives
 * cost more on both sides. One JSON document of every row is parsed again by
 * json_array_elements and once more per field taken out of it (5-6 ms per 780
 * alerts); a text array literal doubles every quote and is parsed twice. Both
 * drivers send a Uint8Array parameter in binary format.
 */
export function jsonArrayParam(texts: readonly string[]): Buffer {
  const header = texts.length ? 20 : 12;
  const lengths = texts.map((t) => Buffer.byteLength(t));
  const out = Buffer.allocUnsafe(header + lengths.reduce((n, l) => n + 4 + l, 0));
  out.writeInt32BE(texts.length ? 1 : 0, 0); // dimensions: none for an empty array
  out.writeInt32BE(0, 4); // no nulls
  out.writeInt32BE(JSON_OID, 8);
  if (texts.length) {
    out.writeInt32BE(texts.length, 12);
    out.writeInt32BE(1, 16); // lower bound
  }
  let at = header;
  texts.forEach((text, i) => {
    out.writeInt32BE(lengths[i]!, at);
    at += 4 + out.write(text, at + 4);
  });
  return out;
}

/**
 * A `uuid[]` parameter as PostgreSQL's array literal, for ids this server made or read
 * from the database: they need no quoting, and node-postgres escaped each of a
 * batch's thousands with two regular expressions. A null stays a null element.
 */
export function uuidArrayParam(ids: readonly (string | null | undefined)[]): string {
  return `{${ids.map((id) => id ?? 'NULL').join(',')}}`;
}
