import type { DraftIncident } from './draft.js';

/** The SEV2 incident the pure tests, the fixtures and the scenario share: checkout errors after a deploy. */
const t = (hhmm: string) => new Date(`2026-03-03T${hhmm}:00Z`);

export const SEV2_INCIDENT: DraftIncident = {
  number: 42,
  title: 'Checkout errors after the 09:50 deploy',
  severity: 'SEV2',
  summary: null,
  services: ['checkout', 'payments'],
  alerts: [
    { number: 101, summary: 'High 5xx rate on checkout', service: 'checkout' },
    { number: 102, summary: 'Payment latency p99 > 2s', service: 'payments' },
  ],
  peoplePaged: ['Ana Lima', 'Priya Natarajan'],
  sleepHoursLost: 0,
  declaredAt: t('10:00'),
  resolvedAt: t('11:20'),
  timeline: [
    { at: t('10:00'), kind: 'declared', actor: 'Ana Lima', text: 'Incident declared from alert #101' },
    { at: t('09:58'), kind: 'alert_triggered', actor: null, text: 'Alert #101 triggered: High 5xx rate on checkout' },
    { at: t('10:03'), kind: 'acknowledged', actor: 'Ana Lima', text: 'Alert #101 acknowledged' },
    { at: t('10:05'), kind: 'role_changed', actor: 'Ana Lima', text: 'Bo Chen is incident commander' },
    { at: t('10:06'), kind: 'notified', actor: null, text: 'Priya Natarajan paged by SMS' },
    { at: t('10:40'), kind: 'note', actor: 'Bo Chen', text: 'Rolling back the 09:50 deploy' },
    { at: t('10:41'), kind: 'command', actor: 'Bo Chen', text: 'Ran `kubectl rollout undo deploy/checkout` on ops-1 (exit 0)' },
    { at: t('10:44'), kind: 'compensating_action', actor: 'Bo Chen', text: 'Feature flag new-pricing turned off' },
    { at: t('10:45'), kind: 'status_changed', status: 'monitoring', actor: 'Ana Lima', text: 'Status: monitoring' },
    { at: t('11:20'), kind: 'status_changed', status: 'resolved', actor: 'Ana Lima', text: 'Status: resolved' },
  ],
  commands: [
    { command: 'grep -c "5xx|timeout" /var/log/app.log', user: 'Bo Chen', host: 'ops-1', startedAt: t('10:38'), endedAt: t('10:38'), exitCode: 1 },
    { command: 'kubectl rollout undo deploy/checkout', user: 'Bo Chen', host: 'ops-1', startedAt: t('10:41'), endedAt: t('10:43'), exitCode: 0 },
  ],
  compensatingActions: [{ name: 'Feature flag new-pricing turned off', by: 'Bo Chen', at: t('10:44') }],
};
