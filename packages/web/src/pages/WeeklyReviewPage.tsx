import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { PagerLoadChart } from '../components/health/PagerLoadChart';
import { Loading, Page, QueryError } from '../components/Page';
import { useWeeklyReview } from '../health-queries';
import { HealthSummary, PeopleSection } from './TeamHealthPage';

/** The weekly operational review, printable: the numbers with the chart, then the full Markdown text. */
export function WeeklyReviewPage() {
  const { id = '' } = useParams();
  const [week, setWeek] = useState('');
  const review = useWeeklyReview(id, week);
  if (review.isPending) return <Loading what="Loading the weekly review" />;
  if (review.isError)
    return (
      <Page title="Weekly review" back={{ to: `/teams/${id}/health`, label: 'Team health' }}>
        <QueryError error={review.error} retry={() => review.refetch()} />
      </Page>
    );
  const r = review.data;
  return (
    <Page
      title={r.title}
      back={{ to: `/teams/${id}/health`, label: 'Team health' }}
      actions={
        <span className="no-print">
          <label>
            Week of <input type="date" value={week || r.weekStart} onChange={(e) => setWeek(e.target.value)} />
          </label>{' '}
          <button type="button" onClick={() => window.print()}>
            Print
          </button>
        </span>
      }
    >
      <HealthSummary h={r.health} when={`Week of ${r.weekStart}`} />
      <section aria-labelledby="review-load-h">
        <h2 id="review-load-h">Pager load, 12 weeks</h2>
        <PagerLoadChart weeks={r.health.pagerLoad} zone={r.scope.timeZone} />
      </section>
      <PeopleSection h={r.health} />
      <section aria-labelledby="review-text-h">
        <h2 id="review-text-h">The review</h2>
        <p className="muted">As it goes out by email and webhook (Markdown).</p>
        <pre className="review-text">{r.markdown}</pre>
      </section>
    </Page>
  );
}
