import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderEmail } from './email-render.js';
import { testMessage } from './test-message.js';

describe('email rendering', () => {
  it('never lets user text open a tag or break out of an attribute in the HTML part', () => {
    const ours = /<!doctype html>|<\/?(html|head|meta|title|body|main|h1|p|br|ul|li|strong|a)\b[^<>]*>/g;
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.string(), fc.string(), (title, text, summary, service, url) => {
        const base = testMessage();
        const alert = { ...base.alerts[0]!, summary, service, url: `https://x.example/${url}`, runbookUrl: url };
        const { html } = renderEmail({ ...base, title, text: `${text} https://r.example/${url}`, alerts: [alert] });
        expect(html.replace(ours, '')).not.toMatch(/[<>]/);
        for (const anchor of html.match(/<a\b[^>]*>/g) ?? []) expect(anchor).toMatch(/^<a href="[^"<>]*" style="[^"<>]*">$/);
      }),
    );
  });

  it('links only http(s) runbook and action URLs', () => {
    const base = testMessage();
    const { html, text } = renderEmail({
      ...base,
      text: 'See javascript:alert(1) or https://runbooks.example.com/x.',
      actions: { acknowledge: 'javascript:alert(1)', open: 'https://operable.example.com/alerts/4' },
      alerts: [{ ...base.alerts[0]!, runbookUrl: 'data:text/html,<b>x</b>' }],
    });
    expect(html).not.toContain('href="javascript:');
    expect(html).not.toContain('href="data:');
    expect(html).not.toContain('>Acknowledge</a>');
    expect(html).toContain('<a href="https://runbooks.example.com/x" style="color:#1d4ed8">https://runbooks.example.com/x</a>.');
    expect(text).not.toContain('Acknowledge:');
    expect(text).not.toContain('Runbook:');
  });

  it('keeps the subject on one line', () => {
    expect(renderEmail(testMessage({ title: 'a\r\nBcc: everyone@example.com' })).subject).toBe('a Bcc: everyone@example.com');
  });

  it('renders a message with no alerts or actions (verification) without empty sections', () => {
    const { text, html } = renderEmail(testMessage({ kind: 'verification', title: 'Confirm your email', text: 'Your code is 493021.', alerts: [], actions: {} }));
    expect(text).toBe('Confirm your email\n\nYour code is 493021.\n');
    expect(html).not.toContain('<ul');
    expect(html).not.toContain('<a ');
  });
});
