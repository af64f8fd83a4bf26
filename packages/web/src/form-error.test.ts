import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { formErrorText } from './form-error';

const refused = (...fields: [string, string][]) =>
  new ApiError(400, 'validation_failed', `Invalid ${fields.map(([f]) => f).join(', ')}`, { fields: fields.map(([field, message]) => ({ field, message })) });

describe('form error text', () => {
  it('points to the fields instead of repeating their API names', () => {
    expect(formErrorText(refused(['scheduledUntil', 'Must come after the start time']), ['scheduledFor', 'scheduledUntil'])).toEqual({ message: null, highlighted: true, unshown: [] });
  });

  it('lists what no field of the form shows, nested paths belonging to their field', () => {
    const t = formErrorText(refused(['steps[0].delayMinutes', 'Too long'], ['teamId', 'Unknown team']), ['steps']);
    expect(t).toEqual({ message: null, highlighted: true, unshown: [{ field: 'teamId', message: 'Unknown team' }] });
  });

  it('says other refusals in their own words, ending with a stop', () => {
    expect(formErrorText(new ApiError(409, 'conflict', 'A team with that name exists'), []).message).toBe('A team with that name exists.');
    expect(formErrorText(new Error('Network is down!'), []).message).toBe('Network is down!');
    expect(formErrorText('Choose a person', []).message).toBe('Choose a person.');
    expect(formErrorText({ odd: true }, []).message).toBe('Something went wrong.');
    expect(formErrorText(null, [])).toEqual({ message: null, highlighted: false, unshown: [] });
  });
});
