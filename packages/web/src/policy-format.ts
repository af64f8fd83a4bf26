import type { EscalationPolicy } from '@operable/shared';

/** Plain-language escalation policy summaries. Pure, so it can be unit-tested. */

export type PolicyStep = EscalationPolicy['steps'][number];
export type PolicyTarget = PolicyStep['targets'][number];

/** Minutes after an alert triggers at which each step notifies (if nobody acknowledged). */
export function stepStartMinutes(steps: { delayMinutes: number }[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const s of steps) {
    starts.push(at);
    at += Math.max(0, s.delayMinutes);
  }
  return starts;
}

export function startPhrase(minutes: number): string {
  return minutes === 0 ? 'Immediately' : `After ${minutes} min`;
}

export function targetName(t: PolicyTarget): string {
  if (t.type === 'user') return t.name;
  if (isScheduleTarget(t)) {
    const ack = t.ackTargetMinutes === null ? '' : ` (acknowledge within ${t.ackTargetMinutes} min)`;
    return `${scheduleTargetLabel(t.type, t.name)}${ack}`;
  }
  try {
    return `Webhook ${new URL(t.url).host}`;
  } catch {
    return `Webhook ${t.url}`;
  }
}

export type ScheduleTargetType = 'schedule' | 'schedule_primary' | 'schedule_secondary';

export function isScheduleTarget<T extends { type: string }>(t: T): t is Extract<T, { type: ScheduleTargetType }> {
  return t.type === 'schedule' || t.type === 'schedule_primary' || t.type === 'schedule_secondary';
}

/** "Everyone on call in Payments", "Payments primary", "Payments secondary". */
export function scheduleTargetLabel(type: ScheduleTargetType, name: string): string {
  if (type === 'schedule') return `Everyone on call in ${name}`;
  return `${name} ${type === 'schedule_primary' ? 'primary' : 'secondary'}`;
}

/** "Immediately: Ada Lovelace, Grace Hopper (everyone must acknowledge)". */
export function describeStep(step: PolicyStep, startMinutes: number): string {
  const who = step.targets.map(targetName).join(', ') || 'nobody';
  return `${startPhrase(startMinutes)}: ${who}${step.requireAllAck ? ' (everyone must acknowledge)' : ''}`;
}

export function describeRepeat(repeatCount: number): string {
  if (repeatCount <= 0) return 'Runs once';
  return `Repeats ${repeatCount === 1 ? 'once' : `${repeatCount} times`} if nobody acknowledges`;
}

/** 32 random hex characters for a webhook signing secret. */
export function randomSecret(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
