import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the checks tables; mirrors migrations/0035_checks.sql. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface ChecksTable {
  id: Generated<string>;
  service_id: string;
  name: string;
  kind: 'http' | 'tcp' | 'tls' | 'dns';
  target: string;
  settings: Json;
  interval_seconds: number;
  timeout_ms: number;
  retries: number;
  allow_internal: boolean;
  paused: boolean;
  state: ColumnType<'pending' | 'up' | 'down', 'pending' | 'up' | 'down' | undefined, 'pending' | 'up' | 'down'>;
  failures: ColumnType<number, number | undefined, number>;
  state_changed_at: Timestamp | null;
  last_run_at: Timestamp | null;
  last_ok: boolean | null;
  last_latency_ms: number | null;
  last_message: string | null;
  recent: ColumnType<number[], number[] | undefined, number[]>;
  next_at: Timestamp;
  lease_owner: string | null;
  lease_until: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CheckResultsTable {
  check_id: string;
  at: Timestamp;
  ok: boolean;
  latency_ms: number | null;
  message: string | null;
  maintenance: boolean;
  start_delay_ms: number | null;
}

export interface CheckRollupsTable {
  check_id: string;
  resolution: 'minute' | 'hour' | 'day';
  bucket: Timestamp;
  total: number;
  up: number;
  latency_p50: number | null;
  latency_p95: number | null;
  latency_max: number | null;
}

export interface CheckRollupCursorsTable {
  resolution: 'minute' | 'hour' | 'day';
  rolled_until: Timestamp;
}
