import { useEffect, useState } from 'react';
import { errorMessage } from '../api';
import { formatAgo } from '../format';

/** The current time, re-read every `everyMs`, for "… ago" texts. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

interface Props {
  /** When the data on screen was fetched (TanStack Query's dataUpdatedAt). */
  updatedAt: number;
  /** A refresh failed; the data on screen is older than it should be. */
  error: unknown;
  paused?: boolean;
}

/**
 * "Updated 3 s ago" for pages that refresh themselves, and a warning when refreshing
 * fails so nobody trusts a stale list. The ticking text is not a live region; only
 * the failure is announced.
 */
export function LiveStatus({ updatedAt, error, paused }: Props) {
  const now = useNow(1000);
  return (
    <div className="live-status">
      <p className="muted">
        {updatedAt ? `Updated ${formatAgo(updatedAt, now)}` : 'Not loaded yet'}
        {paused ? '. Automatic updates are off.' : '. Updates every few seconds.'}
      </p>
      <div role="alert">
        {Boolean(error) && (
          <p className="alert alert-warning">
            <strong>Not up to date.</strong> Couldn’t refresh: {errorMessage(error)} Still trying.
          </p>
        )}
      </div>
    </div>
  );
}
