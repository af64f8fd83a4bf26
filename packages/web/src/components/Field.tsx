import type { FieldIssue } from '@operable/shared';
import {
  useEffect,
  useId,
  useRef,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { ApiError } from '../api';
import { fieldMatches, formErrorText } from '../form-error';

/** Field issues from an API validation error. */
export function fieldIssues(error: unknown): FieldIssue[] {
  return error instanceof ApiError ? error.fields : [];
}


/** The message for one form field (or any nested path under it). */
export function errorFor(error: unknown, name: string): string | undefined {
  const hits = fieldIssues(error).filter((i) => fieldMatches(i.field, name));
  return hits.length ? hits.map((i) => i.message).join('; ') : undefined;
}

interface FieldShellProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

function FieldShell({ label, hint, error, children }: FieldShellProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {children({ id, describedBy, invalid: Boolean(error) })}
      {error && (
        <p className="field-error" id={errorId}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </div>
  );
}

type Common = { label: ReactNode; hint?: ReactNode; error?: string };

export function TextField({ label, hint, error, ...rest }: Common & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldShell label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <input id={id} type="text" aria-describedby={describedBy} aria-invalid={invalid || undefined} {...rest} />
      )}
    </FieldShell>
  );
}

export function TextAreaField({ label, hint, error, ...rest }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldShell label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <textarea id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} {...rest} />
      )}
    </FieldShell>
  );
}

export function SelectField({
  label,
  hint,
  error,
  children,
  ...rest
}: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldShell label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <select id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} {...rest}>
          {children}
        </select>
      )}
    </FieldShell>
  );
}

/**
 * The form-level error box. Always rendered so the live region exists before the
 * message arrives. Lists field issues that no field on the form shows itself.
 */
export function FormError({
  error,
  shownFields = [],
  title = 'Not saved.',
}: {
  error: unknown;
  shownFields?: string[];
  title?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const { message, highlighted, unshown } = formErrorText(error, shownFields);

  const box = useRef<HTMLDivElement>(null);
  // The error takes focus where it is: the first field it names, else the message
  // itself (scrolled into view), so it is never off-screen from the button pressed.
  useEffect(() => {
    if (!error) return;
    const firstInvalid = ref.current?.closest('form')?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (firstInvalid) firstInvalid.focus();
    else if (box.current) {
      box.current.focus({ preventScroll: true });
      box.current.scrollIntoView({ block: 'center' });
    }
  }, [error]);

  return (
    <div ref={ref} aria-live="assertive" aria-atomic="true">
      {(message || highlighted || unshown.length > 0) && (
        <div className="alert alert-error" ref={box} tabIndex={-1}>
          <p>
            {title && <strong>{title} </strong>}
            {[message, highlighted && 'Check the highlighted fields.'].filter(Boolean).join(' ')}
          </p>
          {unshown.length > 0 && (
            <ul>
              {unshown.map((i) => (
                <li key={`${i.field}:${i.message}`}>
                  {i.field === 'body' ? '' : `${i.field}: `}
                  {i.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

/** A form's submit button and its Cancel beside it; the submit waits while a save is in flight. */
export function FormActions({ submit, pending, onCancel }: { submit: ReactNode; pending: boolean; onCancel: () => void }) {
  return (
    <div className="form-actions">
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {submit}
      </button>
      <button type="button" className="btn" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
