import { useState, type ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import { PagerLoadChart } from '../components/health/PagerLoadChart';
import { ReviewSettings } from '../components/health/ReviewSettings';
import { ReviewDeltas, ReviewWorkSections } from '../components/health/ReviewWork';
import { Loading, Page, QueryError } from '../components/Page';
import { useWeeklyReview } from '../health-queries';
import { useCan } from '../session';
import { HealthSummary, PeopleSection } from './TeamHealthPage';

/** A team's weekly operational review. */
export function WeeklyReviewPage() {
  const { id = '' } = useParams();
  return <ReviewView teamId={id} back={{ to: `/teams/${id}/health`, label: 'Team health' }} />;
}

/** The organisation's weekly operational review: all teams together; admins choose when it goes out and to whom. */
export function OrgReviewPage() {
  const isAdmin = useCan('admin');
  return <ReviewView teamId={null} back={{ to: '/teams', label: 'Teams' }} settings={isAdmin ? <ReviewSettings teamId={null} /> : null} />;
}

/** The review, printable: the numbers with the chart, what changed, the work still open, then the full Markdown text. */
function ReviewView({ teamId, back, settings = null }: { teamId: string | null; back: { to: string; label: string }; settings?: ReactNode }) {
  const [week, setWeek] = useState('');
  const review = useWeeklyReview(teamId, week);
  if (review.isPending) return <Loading what="Loading the weekly review" />;
  if (review.isError)
    return (
      <Page title="Weekly review" back={back}>
        <QueryError error={review.error} retry={() => review.refetch()} />
      </Page>
    );
  const r = review.data;
  return (
    <Page
      title={r.title}
      back={back}
      actions={
        <span className="no-print">
          <label>
            Week of <input type="date" value={week || r.weekStart} onChange={(e) => setWeek(e.target.value)} />
          </label>{' '}
          <button type="button" className="btn" onClick={() => window.print()}>
            Print
          </button>
        </span>
      }
    >
      <HealthSummary h={r.health} when={`Week of ${r.weekStart}`} />
      <ReviewDeltas deltas={r.deltas} />
      <section aria-labelledby="review-load-h">
        <h2 id="review-load-h">Pager load, 12 weeks</h2>
        <PagerLoadChart weeks={r.health.pagerLoad} zone={r.scope.timeZone} />
      </section>
      <ReviewWorkSections review={r} />
      <PeopleSection h={r.health} />
      <section aria-labelledby="review-text-h">
        <h2 id="review-text-h">The review</h2>
        <p className="muted">As it goes out by email and webhook (Markdown).</p>
        {/* Scrolls sideways on a phone: focusable so a keyboard can scroll it too. */}
        <pre className="review-text" tabIndex={0} aria-label="The review as Markdown">
          {r.markdown}
        </pre>
      </section>
      {settings}
    </Page>
  );
}
