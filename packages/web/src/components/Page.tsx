import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, errorMessage } from '../api';

export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Operable`;
  }, [title]);
}

interface PageProps {
  title: string;
  /** Extra content beside the heading, e.g. a "New …" button. */
  actions?: ReactNode;
  back?: { to: string; label: string };
  children: ReactNode;
}

export function Page({ title, actions, back, children }: PageProps) {
  usePageTitle(title);
  return (
    <>
      {back && (
        <p className="back-link">
          <Link to={back.to}>
            <span aria-hidden="true">← </span>
            {back.label}
          </Link>
        </p>
      )}
      <div className="page-head">
        <h1>{title}</h1>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
      {children}
    </>
  );
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="loading" role="status">
      {what}…
    </p>
  );
}

export function QueryError({ error, retry }: { error: unknown; retry?: () => void }) {
  const notFound = error instanceof ApiError && error.status === 404;
  const forbidden = error instanceof ApiError && error.status === 403;
  return (
    <div className="alert alert-error" role="alert">
      <p>
        {notFound
          ? 'This item doesn’t exist. It may have been deleted.'
          : forbidden
            ? 'You don’t have permission to see this.'
            : `Couldn’t load this: ${errorMessage(error)}`}
      </p>
      {retry && !notFound && !forbidden && (
        <button type="button" className="btn" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Chips({ tags, label = 'Tags' }: { tags: string[]; label?: string }) {
  if (!tags.length) return null;
  return (
    <ul className="chips" aria-label={label}>
      {tags.map((t) => (
        <li key={t} className="chip">
          {t}
        </li>
      ))}
    </ul>
  );
}
