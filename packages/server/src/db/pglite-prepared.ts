import { parse, protocol, type PGlite, type Results } from '@electric-sql/pglite';
import { GENERIC_PLAN_SETTINGS, preparedAs } from './prepared.js';

type BackendMessage = Awaited<ReturnType<PGlite['execProtocolStream']>>[number];

interface Statement {
  name: string;
  paramTypes: number[];
  /** What the statement returns; sent once, at describe time, and put before each execution's rows. */
  rowDescription: BackendMessage | undefined;
}

/** Statements kept prepared per database; the least recently used beyond this is closed. */
const CAPACITY = 500;
/** Data statements only: their plans survive schema changes (PostgreSQL re-plans them). */
const PREPARABLE = /^\s*(?:\/\*.*?\*\/\s*)?(select|insert|update|delete|with)\b/is;
/** "cached plan must not change result type": a `select *` whose table gained a column. */
const STALE_PLAN = '0A000';

/**
 * Runs statements on PGlite as named prepared statements. PGlite's own `query`
 * parses, plans and describes every statement again, in six calls into the
 * WebAssembly module; a statement prepared once then costs one call (bind,
 * execute, sync) and is not parsed again; one marked for a generic plan
 * (db/prepared.ts) is not planned again either. Results are
 * parsed by PGlite's own parsers, so rows are the same as `query` gives.
 */
export class PreparedStatements {
  private readonly statements = new Map<string, Statement>();
  private counter = 0;

  constructor(private readonly pglite: PGlite, private readonly capacity = CAPACITY) {}

  async query<R>(text: string, params: readonly unknown[]): Promise<Results<R>> {
    if (!PREPARABLE.test(text)) return this.pglite.query<R>(text, [...params]);
    if (this.pglite.closed) throw new Error('PGlite is closed');
    return this.pglite.runExclusive(async () => {
      const statement = this.statements.get(text) ?? (await this.prepare(text));
      // Most recently used last: the map's first entry is the one to close.
      this.statements.delete(text);
      this.statements.set(text, statement);
      const values = params.map((value, i) => {
        if (value === null || value === undefined) return null;
        // Already in the type's binary format (db/array-params.ts): sent as it is.
        if (value instanceof Uint8Array) return value;
        const serialize = this.pglite.serializers[statement.paramTypes[i]!];
        return serialize ? serialize(value) : String(value);
      });
      const run = join(protocol.serialize.bind({ statement: statement.name, values }), protocol.serialize.execute({}), protocol.serialize.sync());
      // One session for everything: a generic plan's settings hold for this run alone, in the same call.
      const generic = preparedAs(text)?.generic && !this.pglite.isInTransaction();
      let messages: BackendMessage[];
      try {
        messages = await this.pglite.execProtocolStream(generic ? join(USE_GENERIC_PLAN, run, USE_CUSTOM_PLANS) : run, {});
        if (generic) messages = messages.filter((m) => !isSetting(m));
      } catch (error) {
        if ((error as { code?: string }).code === STALE_PLAN) await this.close(text);
        throw Object.assign(error as Error, { query: text, params });
      }
      const all = statement.rowDescription ? [statement.rowDescription, ...messages] : messages;
      return parse.parseResults(all, this.pglite.parsers)[0] as Results<R>;
    });
  }

  private async prepare(text: string): Promise<Statement> {
    if (this.statements.size >= this.capacity) await this.close(this.statements.keys().next().value!);
    const name = `operable_${++this.counter}`;
    let messages: BackendMessage[];
    try {
      messages = await this.pglite.execProtocolStream(join(protocol.serialize.parse({ name, text }), protocol.serialize.describe({ type: 'S', name }), protocol.serialize.sync()), {});
    } catch (error) {
      throw Object.assign(error as Error, { query: text });
    }
    const statement: Statement = {
      name,
      paramTypes: parse.parseDescribeStatementResults(messages),
      rowDescription: messages.find((m) => m.name === 'rowDescription'),
    };
    this.statements.set(text, statement);
    return statement;
  }

  private async close(text: string): Promise<void> {
    const statement = this.statements.get(text);
    if (!statement) return;
    this.statements.delete(text);
    await this.pglite.execProtocolStream(join(protocol.serialize.close({ type: 'S', name: statement.name }), protocol.serialize.sync()), {});
  }
}

const USE_GENERIC_PLAN = protocol.serialize.query(Object.entries(GENERIC_PLAN_SETTINGS).map(([k, v]) => `set ${k} = ${v};`).join(' '));
/** Back to the values the database was started with (db/pglite.ts). */
const USE_CUSTOM_PLANS = protocol.serialize.query(Object.keys(GENERIC_PLAN_SETTINGS).map((k) => `reset ${k};`).join(' '));
const isSetting = (m: BackendMessage) => m.name === 'commandComplete' && /^(SET|RESET)$/.test((m as { text?: string }).text ?? '');

/** One buffer for several protocol messages: PGlite runs them in one call. */
function join(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
