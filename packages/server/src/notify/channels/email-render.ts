import { actionLinks, alertLine, escapeHtml, oneLine, safeHttpUrl, type ActionLink } from './render.js';
import type { Message, MessageAlert } from './types.js';

/**
 * The email body, as plain text and as HTML. The HTML is for a tired person on a
 * phone: big buttons first, one column, inline styles (mail clients drop <style>),
 * real link text, colours with at least 4.5:1 contrast, and every value escaped.
 */

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const BUTTON_COLOURS: Record<ActionLink['action'], string> = {
  acknowledge: '#b91c1c',
  resolve: '#15803d',
  open: '#1f2937',
};

function textAlert(alert: MessageAlert): string {
  const lines = [alertLine(alert)];
  const url = safeHttpUrl(alert.url);
  if (url) lines.push(`  ${url}`);
  const runbook = safeHttpUrl(alert.runbookUrl);
  if (runbook) lines.push(`  Runbook: ${runbook}`);
  return lines.join('\n');
}

export function renderText(message: Message): string {
  const sections = [oneLine(message.title), message.text.trim()];
  if (message.alerts.length > 0) sections.push(message.alerts.map(textAlert).join('\n\n'));
  const links = actionLinks(message);
  if (links.length > 0) sections.push(links.map((l) => `${l.label}: ${l.url}`).join('\n'));
  return `${sections.filter(Boolean).join('\n\n')}\n`;
}

function htmlButton(link: ActionLink): string {
  const style = [
    'display:inline-block',
    'margin:0 8px 8px 0',
    'padding:12px 20px',
    'border-radius:6px',
    `background:${BUTTON_COLOURS[link.action]}`,
    'color:#ffffff',
    'font-size:16px',
    'font-weight:600',
    'text-decoration:none',
  ].join(';');
  return `<a href="${escapeHtml(link.url)}" style="${style}">${escapeHtml(link.label)}</a>`;
}

function htmlAlert(alert: MessageAlert): string {
  const url = safeHttpUrl(alert.url);
  const runbook = safeHttpUrl(alert.runbookUrl);
  const headline = escapeHtml(`#${alert.number} ${oneLine(alert.summary)}`);
  const parts = [
    `<strong>${url ? `<a href="${escapeHtml(url)}" style="color:#1d4ed8">${headline}</a>` : headline}</strong>`,
    `<br>Service: ${escapeHtml(oneLine(alert.service))} · Status: ${escapeHtml(oneLine(alert.status))}`,
  ];
  if (runbook) parts.push(`<br><a href="${escapeHtml(runbook)}" style="color:#1d4ed8">Open the runbook</a>`);
  return `<li style="margin:0 0 12px 0">${parts.join('')}</li>`;
}

/** Paragraphs from the plain text; bare http(s) URLs (runbook links) become links, minus trailing punctuation. */
function htmlParagraphs(text: string): string {
  return text
    .trim()
    .split(/\n{2,}/)
    .filter(Boolean)
    .map((para) => {
      const linked = para
        .split(/(https?:\/\/[^\s<>"]*[^\s<>".,;:!?)\]])/g)
        .map((piece, i) => {
          const url = i % 2 === 1 ? safeHttpUrl(piece) : null;
          return url ? `<a href="${escapeHtml(url)}" style="color:#1d4ed8">${escapeHtml(piece)}</a>` : escapeHtml(piece);
        })
        .join('')
        .replace(/\n/g, '<br>');
      return `<p style="margin:0 0 16px 0">${linked}</p>`;
    })
    .join('\n');
}

export function renderHtml(message: Message): string {
  const title = escapeHtml(oneLine(message.title));
  const links = actionLinks(message);
  const body = [
    `<h1 style="margin:0 0 16px 0;font-size:20px;line-height:1.3">${title}</h1>`,
    links.length > 0 ? `<p style="margin:0 0 16px 0">${links.map(htmlButton).join('\n')}</p>` : '',
    htmlParagraphs(message.text),
    message.alerts.length > 0 ? `<ul style="margin:0 0 16px 0;padding-left:20px">${message.alerts.map(htmlAlert).join('\n')}</ul>` : '',
    // The same links as text, for clients that strip styled anchors or for screen readers skimming the end.
    links.length > 0
      ? `<p style="margin:16px 0 0 0;font-size:13px;color:#374151">${links
          .map((l) => `${escapeHtml(l.label)}: <a href="${escapeHtml(l.url)}" style="color:#1d4ed8">${escapeHtml(l.url)}</a>`)
          .join('<br>')}</p>`
      : '',
  ]
    .filter(Boolean)
    .join('\n');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${title}</title></head>`,
    '<body style="margin:0;padding:16px;background:#ffffff;color:#111827;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5">',
    `<main style="max-width:600px">\n${body}\n</main>`,
    '</body>',
    '</html>',
  ].join('\n');
}

export function renderEmail(message: Message): RenderedEmail {
  return { subject: oneLine(message.title), text: renderText(message), html: message.html ?? renderHtml(message) };
}
