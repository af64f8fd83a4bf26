import type { InboxItem } from '@operable/shared';
import { Link } from 'react-router-dom';
import { findsUnreachable, handoffReportOf, incidentRefOf, scheduleIdOf, shiftReminderOf, swapRequestOf, textOf } from '../inbox-format';
import { formatMoment, formatSpan } from '../schedule-layout';
import { HandoffReportView } from './HandoffReportView';

const SWAP_OUTCOME: Record<string, string> = {
  accepted: 'Accepted: it is now an override on the schedule.',
  declined: 'Declined: the shift stays as it was.',
  cancelled: 'Cancelled by the person who asked.',
};

/** What an opened inbox item says, by kind; anything unknown (or not shaped as expected) shows its text. */
export function InboxItemBody({ item, zone, meId }: { item: InboxItem; zone: string; meId: string }) {
  const text = textOf(item);
  const plain = text ? <p className="prewrap break">{text}</p> : <p className="muted">No more to say.</p>;

  if (item.kind === 'handoff_report') {
    const report = handoffReportOf(item);
    return report ? <HandoffReportView report={report} zone={zone} level={3} /> : plain;
  }

  if (item.kind === 'swap_request' || item.kind === 'swap_decided') {
    const s = swapRequestOf(item);
    if (!s)
      return (
        <>
          {plain}
          <p>
            <Link to="/swap-requests">See your swap requests</Link>
          </p>
        </>
      );
    const asked = s.responder.id === meId ? 'you' : s.responder.name;
    const asker = s.requester.id === meId ? 'You' : s.requester.name;
    return (
      <>
        <p>
          {asker} asked {asked} to cover {s.role} on <Link to={`/schedules/${s.scheduleId}`}>{s.scheduleName}</Link>, {formatSpan(s.start, s.end, zone)}.
        </p>
        {s.message && <p className="prewrap">“{s.message}”</p>}
        {item.kind === 'swap_decided' && SWAP_OUTCOME[s.status] && <p>{SWAP_OUTCOME[s.status]}</p>}
        <p>
          <Link to="/swap-requests">{item.kind === 'swap_request' ? 'Answer it on Swap requests' : 'See your swap requests'}</Link>
        </p>
      </>
    );
  }

  if (item.kind === 'shift_reminder') {
    const r = shiftReminderOf(item);
    if (r)
      return (
        <>
          <p>
            You are {r.role} on call for <Link to={`/schedules/${r.scheduleId}`}>{r.scheduleName}</Link> from {formatMoment(r.start, zone)}
            {r.end ? ` until ${formatMoment(r.end, zone)}` : ''}
            {r.takingOverFrom && `, taking over from ${r.takingOverFrom.name}`}.
          </p>
          <p className="muted">Check that your phone can reach you, and read the handoff note when it comes.</p>
        </>
      );
  }

  if (item.kind === 'wellbeing_checkin' || item.kind === 'wellbeing_nudge') {
    const ref = incidentRefOf(item);
    return (
      <>
        {plain}
        <p>
          {/* A check-in waits on the home page until answered; a nudge, once read here, is done. */}
          {item.kind === 'wellbeing_checkin' && <Link to="/">Answer it on your home page</Link>}
          {item.kind === 'wellbeing_checkin' && ref && ' · '}
          {ref && <Link to={`/incidents/${encodeURIComponent(ref)}`}>Open the incident</Link>}
        </p>
      </>
    );
  }

  if (item.kind === 'recovery_granted') {
    return (
      <>
        {plain}
        <p>
          <Link to="/recovery">See your recovery days</Link>
        </p>
      </>
    );
  }

  const scheduleId = scheduleIdOf(item);
  return (
    <>
      {plain}
      {item.kind === 'preflight' && findsUnreachable(item, meId) && (
        <p>
          <Link to="/profile">Set up how Operable reaches you</Link>
        </p>
      )}
      {scheduleId && (
        <p>
          <Link to={`/schedules/${scheduleId}`}>Open the schedule</Link>
        </p>
      )}
    </>
  );
}
