import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the SLO tables (migration 0045); part of `DB` in schema.ts. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface SlosTable {
  id: Generated<string>;
  service_id: string;
  name: string;
  description: string;
  kind: 'availability' | 'latency';
  objective: number;
  window_days: number;
  latency_threshold_ms: number | null;
  source: Json;
  alerting: boolean;
  collected_until: Timestamp | null;
  evaluated_at: Timestamp | null;
  open_severities: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SloBucketsTable {
  slo_id: string;
  bucket_start: Timestamp;
  good: number;
  total: number;
}
