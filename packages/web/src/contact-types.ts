import type { ContactMethod, NotificationRule } from '@operable/shared';

/**
 * How each kind of contact method is named and typed in, and plain-language
 * descriptions of notification rules. Pure, so it can be unit-tested.
 */

export type ContactType = ContactMethod['type'];
export type RuleUrgency = NotificationRule['urgency'];

export interface AddressField {
  label: string;
  placeholder: string;
  hint?: string;
  inputType: 'email' | 'tel' | 'url' | 'text';
  inputMode?: 'email' | 'tel' | 'url' | 'text';
  autoComplete?: string;
}

/** In the order people are offered them. */
export const CONTACT_TYPE_ORDER: ContactType[] = ['email', 'sms', 'voice', 'ntfy', 'slack', 'teams', 'webhook'];

export const CONTACT_TYPE_LABELS: Record<ContactType, string> = {
  email: 'Email',
  sms: 'SMS',
  voice: 'Voice call',
  ntfy: 'ntfy push notification',
  slack: 'Slack',
  teams: 'Microsoft Teams',
  webhook: 'Webhook',
};

const PHONE: AddressField = {
  label: 'Phone number (E.164, e.g. +15550100)',
  placeholder: '+15550100',
  hint: 'A plus sign, the country code and the number, digits only.',
  inputType: 'tel',
  inputMode: 'tel',
  autoComplete: 'tel',
};

export const ADDRESS_FIELDS: Record<ContactType, AddressField> = {
  email: { label: 'Email address', placeholder: 'you@example.com', inputType: 'email', inputMode: 'email', autoComplete: 'email' },
  sms: PHONE,
  voice: PHONE,
  ntfy: {
    label: 'ntfy topic',
    placeholder: 'ops-ada-7f3k',
    hint: 'Letters, digits, - and _ only. Pick something hard to guess and subscribe to it in the ntfy app.',
    inputType: 'text',
  },
  slack: {
    label: 'Slack incoming webhook URL',
    placeholder: 'https://hooks.slack.com/services/…',
    inputType: 'url',
    inputMode: 'url',
  },
  teams: {
    label: 'Microsoft Teams incoming webhook URL',
    placeholder: 'https://…webhook.office.com/…',
    inputType: 'url',
    inputMode: 'url',
  },
  webhook: {
    label: 'Webhook URL',
    placeholder: 'https://example.com/operable-hook',
    hint: 'Operable POSTs JSON here.',
    inputType: 'url',
    inputMode: 'url',
  },
};

export function contactTypeLabel(type: string): string {
  return CONTACT_TYPE_LABELS[type as ContactType] ?? type;
}

/** "SMS +15550100", "Email (Work) ada@example.com". */
export function describeMethod(m: Pick<ContactMethod, 'type' | 'address' | 'label'>): string {
  return `${contactTypeLabel(m.type)}${m.label ? ` (${m.label})` : ''} ${m.address}`;
}

export function delayPhrase(minutes: number): string {
  if (minutes <= 0) return 'immediately';
  return `after ${minutes} minute${minutes === 1 ? '' : 's'}`;
}

export const URGENCY_PHRASE: Record<RuleUrgency, string> = {
  any: 'any urgency',
  high: 'high urgency only',
  low: 'low urgency only',
};

/** Rules in the order they fire: by delay, then by method type for stable display. */
export function sortRules<T extends Pick<NotificationRule, 'delayMinutes' | 'id'>>(rules: T[]): T[] {
  return [...rules].sort((a, b) => a.delayMinutes - b.delayMinutes || a.id.localeCompare(b.id));
}

/**
 * One sentence for the rules that apply at an urgency, e.g.
 * "Email immediately, SMS after 2 minutes, Voice call after 5 minutes".
 */
export function summarizeRules(
  rules: Pick<NotificationRule, 'id' | 'contactMethodId' | 'delayMinutes' | 'urgency'>[],
  methods: Pick<ContactMethod, 'id' | 'type' | 'verified'>[],
  urgency: 'high' | 'low',
): string | null {
  const parts = sortRules(rules.filter((r) => r.urgency === 'any' || r.urgency === urgency)).flatMap((r) => {
    const m = methods.find((x) => x.id === r.contactMethodId);
    return m?.verified ? [`${contactTypeLabel(m.type)} ${delayPhrase(r.delayMinutes)}`] : [];
  });
  return parts.length ? parts.join(', ') : null;
}
