import type { FieldIssue } from '@operable/shared';
import { ApiError } from './api';

/** Whether a field named `name` shows an issue at `field` (the field itself or a path under it). */
export function fieldMatches(field: string, name: string): boolean {
  return field === name || field.startsWith(`${name}.`) || field.startsWith(`${name}[`);
}

export interface FormErrorText {
  /** The sentence after "Not saved.", ending in a stop; null when the fields say it all. */
  message: string | null;
  /** Some issue shows on a field of the form: the box points to them. */
  highlighted: boolean;
  /** Issues no field of the form shows: the box lists them. */
  unshown: FieldIssue[];
}

/**
 * What a form's error box says. A refusal naming fields only repeats their names
 * ("Invalid scheduledUntil"): the words are on the fields, so the box points there
 * and lists only what no field shows.
 */
export function formErrorText(error: unknown, shownFields: readonly string[]): FormErrorText {
  const issues = error instanceof ApiError ? error.fields : [];
  const unshown = issues.filter((i) => !shownFields.some((name) => fieldMatches(i.field, name)));
  return { message: issues.length ? null : sentenceOf(error), highlighted: issues.length > unshown.length, unshown };
}

function sentenceOf(error: unknown): string | null {
  let text: string | null = null;
  if (error instanceof Error) text = error.message;
  else if (typeof error === 'string') text = error;
  else if (error) text = 'Something went wrong.';
  return text && !/[.!?…]$/.test(text) ? `${text}.` : text;
}
