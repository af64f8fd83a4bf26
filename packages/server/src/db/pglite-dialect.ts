import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import { Mutex } from './mutex.js';
import { PreparedStatements } from './pglite-prepared.js';

/**
 * Kysely on PGlite. PGlite is a single connection, so the driver hands it out to
 * one holder at a time: a transaction keeps it until commit or rollback, which
 * serializes transactions exactly as SPEC §1 asks.
 */
export class PgliteDialect implements Dialect {
  constructor(private pglite: PGlite | undefined, private readonly mutex: Mutex) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    if (!this.pglite) throw new Error('A PGlite dialect makes one driver');
    // Only the driver holds the database, and lets go of it when destroyed: a closed
    // database's memory (the WebAssembly heap) can then be collected even while
    // something still holds its Kysely handle.
    const driver = new PgliteDriver(this.pglite, this.mutex);
    this.pglite = undefined;
    return driver;
  }
  createIntrospector(db: Kysely<any>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class PgliteConnection implements DatabaseConnection {
  constructor(private readonly statements: PreparedStatements) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.statements.query<R>(query.sql, query.parameters);
    return {
      rows: result.rows,
      ...(result.affectedRows !== undefined ? { numAffectedRows: BigInt(result.affectedRows) } : {}),
    };
  }

  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming queries are not supported on the embedded database');
  }
}

class PgliteDriver implements Driver {
  private readonly releases = new WeakMap<DatabaseConnection, () => void>();
  private connection: PgliteConnection | undefined;

  constructor(pglite: PGlite, private readonly mutex: Mutex) {
    this.connection = new PgliteConnection(new PreparedStatements(pglite));
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.mutex.lock();
    if (!this.connection) {
      release();
      throw new Error('PGlite is closed');
    }
    // One shared connection object; the release is remembered per acquisition.
    const handle = Object.create(this.connection) as PgliteConnection;
    this.releases.set(handle, release);
    return handle;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.releases.get(connection)?.();
    this.releases.delete(connection);
  }
  async destroy(): Promise<void> {
    this.connection = undefined;
  }
}
