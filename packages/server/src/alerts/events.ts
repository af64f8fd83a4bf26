/**
 * What every sender format is translated into before it touches the database.
 * Parsers are pure: body in, events (or the sender's own error messages) out.
 */
export type Urgency = 'high' | 'low';

export interface TriggerEvent {
  action: 'trigger';
  /** Null: the sender gave none, so a fresh key is generated (PagerDuty does the same). */
  dedupKey: string | null;
  summary: string;
  source: string | null;
  severity: string | null;
  urgency: Urgency;
  details: Record<string, unknown>;
  links: { href: string; text?: string }[];
}

export interface AckResolveEvent {
  action: 'acknowledge' | 'resolve';
  dedupKey: string;
}

export type AlertEvent = TriggerEvent | AckResolveEvent;

export interface ChangeEvent {
  summary: string;
  source: string | null;
  at: Date | null;
  details: Record<string, unknown>;
  links: { href: string; text?: string }[];
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** critical/error (and P1–P3) wake people; warning/info wait for working hours. */
export function urgencyOf(severity: string | null | undefined): Urgency {
  if (!severity) return 'high';
  return /^(info|warning|warn|low|p4|p5|none|minor)$/i.test(severity.trim()) ? 'low' : 'high';
}

export const SUMMARY_MAX = 1024;
export const DEDUP_KEY_MAX = 255;

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
