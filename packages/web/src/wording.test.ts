import { describe, expect, it } from 'vitest';
import { detailParts, eventLabel } from './alert-format';
import { summarizeRules } from './contact-types';
import { formatAgo } from './format';
import { describeStep, stepStartMinutes } from './policy-format';

describe('policy and rule wording', () => {
  it('says when each step notifies', () => {
    const steps = [
      { delayMinutes: 5, requireAllAck: false, targets: [{ type: 'user' as const, userId: 'u', name: 'Ada', hasVerifiedContact: true }] },
      { delayMinutes: 10, requireAllAck: true, targets: [{ type: 'webhook' as const, url: 'https://hooks.example.com/x' }] },
    ];
    expect(stepStartMinutes(steps)).toEqual([0, 5]);
    expect(describeStep(steps[0]!, 0)).toBe('Immediately: Ada');
    expect(describeStep(steps[1]!, 5)).toBe('After 5 min: Webhook hooks.example.com (everyone must acknowledge)');
  });

  it('names schedule targets with their acknowledgement target', () => {
    const step = {
      delayMinutes: 5,
      requireAllAck: false,
      targets: [
        { type: 'schedule_primary' as const, scheduleId: 's', name: 'Payments', ackTargetMinutes: 5 },
        { type: 'schedule' as const, scheduleId: 's', name: 'Payments', ackTargetMinutes: null },
      ],
    };
    expect(describeStep(step, 0)).toBe('Immediately: Payments primary (acknowledge within 5 min), Everyone on call in Payments');
  });

  it('summarizes verified methods in delay order', () => {
    const methods = [
      { id: 'e', type: 'email' as const, verified: true },
      { id: 's', type: 'sms' as const, verified: true },
      { id: 'v', type: 'voice' as const, verified: false },
    ];
    const rules = [
      { id: '2', contactMethodId: 's', delayMinutes: 2, urgency: 'high' as const },
      { id: '1', contactMethodId: 'e', delayMinutes: 0, urgency: 'any' as const },
      { id: '3', contactMethodId: 'v', delayMinutes: 5, urgency: 'any' as const },
    ];
    expect(summarizeRules(rules, methods, 'high')).toBe('Email immediately, SMS after 2 minutes');
    expect(summarizeRules(rules, methods, 'low')).toBe('Email immediately');
    expect(summarizeRules([], methods, 'low')).toBeNull();
  });
});

describe('alert wording', () => {
  it('labels log events, known or not', () => {
    expect(eventLabel('not_paged')).toBe('Nobody paged');
    expect(eventLabel('something_new')).toBe('Something new');
  });

  it('shows log details as short parts', () => {
    expect(detailParts({ step: 1, users: ['Ada', 'Grace'], skipped: null })).toEqual(['step: 1', 'users: Ada, Grace']);
    expect(detailParts({ userId: '3548c7cd-2584-45dc-b740-4dcd8f7598b3', attempt: 2 })).toEqual(['attempt: 2']);
    expect(detailParts(null)).toEqual([]);
  });

  it('says how long ago', () => {
    const now = Date.parse('2025-03-12T14:00:00Z');
    expect(formatAgo('2025-03-12T13:59:58Z', now)).toBe('just now');
    expect(formatAgo('2025-03-12T13:59:15Z', now)).toBe('45 s ago');
    expect(formatAgo('2025-03-12T13:48:00Z', now)).toBe('12 min ago');
    expect(formatAgo('2025-03-12T10:55:00Z', now)).toBe('3 h 5 min ago');
    expect(formatAgo('2025-03-10T14:00:00Z', now)).toBe('2 days ago');
  });
});
