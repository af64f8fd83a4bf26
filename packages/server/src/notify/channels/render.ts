import type { Message, MessageAlert } from './types.js';

/** Small formatting helpers shared by the channel renderers. */

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Only http(s) URLs become links. Runbook URLs are typed by users, and a
 * `javascript:` or `data:` link in a page sent at 3 a.m. is exactly what not to click.
 */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** Cuts at a code point (never half an emoji) and marks the cut. */
export function truncate(value: string, max: number): string {
  const chars = Array.from(value);
  if (chars.length <= max) return value;
  return max <= 1 ? chars.slice(0, max).join('') : `${chars.slice(0, max - 1).join('')}…`;
}

export function oneLine(value: string): string {
  return value.replace(/[\r\n\t]+/g, ' ').trim();
}

export interface ActionLink {
  action: 'acknowledge' | 'resolve' | 'open';
  label: string;
  url: string;
}

/** The message's action links in the order people should see them, unsafe ones dropped. */
export function actionLinks(message: Message): ActionLink[] {
  const links: ActionLink[] = [];
  const add = (action: ActionLink['action'], label: string, value: string | undefined) => {
    const url = safeHttpUrl(value);
    if (url) links.push({ action, label, url });
  };
  add('acknowledge', 'Acknowledge', message.actions.acknowledge);
  add('resolve', 'Resolve', message.actions.resolve);
  add('open', 'Open in Operable', message.actions.open);
  return links;
}

/** "#4 Checkout: High 5xx error rate (triggered)" */
export function alertLine(alert: MessageAlert): string {
  return `#${alert.number} ${oneLine(alert.service)}: ${oneLine(alert.summary)} (${oneLine(alert.status)})`;
}

/** Where a click on the notification itself should go. */
export function primaryUrl(message: Message): string | null {
  return safeHttpUrl(message.actions.open) ?? safeHttpUrl(message.alerts[0]?.url);
}
