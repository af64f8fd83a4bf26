import type { Alert } from '@operable/shared';
import { STATUS_LABELS, URGENCY_LABELS } from '../alert-format';

/** Status as words and colour (never colour alone). */
export function StatusBadge({ status }: { status: Alert['status'] }) {
  return <span className={`badge badge-${status}`}>{STATUS_LABELS[status]}</span>;
}

export function UrgencyBadge({ urgency }: { urgency: Alert['urgency'] }) {
  return <span className={`badge badge-urgency-${urgency}`}>{URGENCY_LABELS[urgency]}</span>;
}
