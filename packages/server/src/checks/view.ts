import type { Check, CheckInput, CheckSummary } from '@operable/shared';
import type { CheckRow, CheckSummaryRow } from './repository.js';
import type { ProbeSpec } from './probes/index.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** What the list shows of a check. */
export function summaryOf(row: CheckSummaryRow | CheckRow): CheckSummary {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    target: row.target,
    serviceId: row.service_id,
    serviceName: row.service_name,
    teamId: row.team_id,
    state: row.state,
    paused: row.paused,
    stateChangedAt: iso(row.state_changed_at),
    lastRunAt: iso(row.last_run_at),
    lastOk: row.last_ok,
    lastLatencyMs: row.last_latency_ms,
    lastMessage: row.last_message,
    recent: 'recent' in row ? row.recent : row.recent_text ? row.recent_text.split(',').map(Number) : [],
    intervalSeconds: row.interval_seconds,
    nextAt: iso(row.next_at)!,
  };
}

export function detailOf(row: CheckRow, extra: Pick<Check, 'uptime' | 'alerts'>): Check {
  const settings = row.settings as never;
  return {
    ...summaryOf(row),
    timeoutSeconds: Math.round(row.timeout_ms / 1000),
    retries: row.retries,
    allowInternal: row.allow_internal,
    failures: row.failures,
    http: row.kind === 'http' ? settings : null,
    tcp: row.kind === 'tcp' ? settings : null,
    tls: row.kind === 'tls' ? settings : null,
    dns: row.kind === 'dns' ? settings : null,
    ...extra,
    createdAt: iso(row.created_at)!,
    createdBy: row.created_by,
  };
}

/** The kind's settings out of an input, the probe spec and the target line lists show. */
export function specOf(input: CheckInput): { spec: ProbeSpec; target: string } {
  switch (input.kind) {
    case 'http':
      return { spec: { kind: 'http', settings: input.http }, target: input.http.url };
    case 'tcp':
      return { spec: { kind: 'tcp', settings: input.tcp }, target: `${input.tcp.host}:${input.tcp.port}` };
    case 'tls':
      return { spec: { kind: 'tls', settings: input.tls }, target: `${input.tls.host}:${input.tls.port}` };
    case 'dns':
      return { spec: { kind: 'dns', settings: input.dns }, target: `${input.dns.recordType} ${input.dns.name}${input.dns.server ? ` @${input.dns.server}` : ''}` };
  }
}

/** A stored check's probe spec. */
export function storedSpec(row: { kind: CheckRow['kind']; settings: unknown }): ProbeSpec {
  return { kind: row.kind, settings: row.settings } as ProbeSpec;
}
