/**
 * How a statement's text asks to be prepared. Both drivers read it.
 *
 * `/* prepared: name *\/` prepares the statement once per connection and reuses it:
 * on the hot ingest path parsing and planning each statement anew cost PostgreSQL as
 * much as running it. Only fixed texts may carry the marker, since one name must
 * always mean one text. (PGlite prepares every data statement: db/pglite-prepared.ts.)
 *
 * Statements are otherwise planned anew for each run's values (connections force
 * custom plans): left to choose, PostgreSQL switched the ingest write to a generic
 * plan after five runs, made while the alerts table was nearly empty, and it then
 * scanned every alert for each batch (4 ms at 24,000 alerts).
 *
 * `/* prepared: name, generic plan *\/` plans it once instead, when it runs outside
 * a transaction, with sequential scans off (GENERIC_PLAN_SETTINGS): the plan then
 * reaches rows through indexes whatever the statistics said when it was made, so it
 * cannot turn into that scan. Only for statements that read every table through an
 * index (by primary key). For the ingest write of a few events, planning was most of
 * the cost: on PGlite a batch of 8 took 2.4 ms planned each run and 1.1 ms planned
 * once. Inside a transaction the statement is planned per run as any other.
 */
export const PREPARED_MARKER = /^\s*\/\* prepared: ([\w-]+)(, generic plan)? \*\//;

/** The session settings a generic-plan statement runs under, by name: `-c` options on PostgreSQL, SET on PGlite. */
export const GENERIC_PLAN_SETTINGS = { plan_cache_mode: 'force_generic_plan', enable_seqscan: 'off' } as const;

export function preparedAs(text: string): { name: string; generic: boolean } | null {
  const match = PREPARED_MARKER.exec(text);
  return match ? { name: match[1]!, generic: match[2] !== undefined } : null;
}
