import { Email } from '@operable/shared';
import type { Context, Hono } from 'hono';
import { ANONYMOUS_ACTOR } from '../lib/context.js';
import { confirmSubscription, subscribeByEmail, unsubscribe } from '../statuspage/index.js';
import { inTransaction } from '../db/index.js';
import { limitBody } from './middleware.js';
import { serverPageCsp } from './security-headers.js';
import type { AppDeps, AppEnv } from './types.js';

const STYLE = 'body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem}button{font:inherit;padding:.6rem 1.2rem}';
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(c: Context<AppEnv>, status: 200 | 400, title: string, body: string) {
  c.header('Content-Security-Policy', serverPageCsp(STYLE));
  c.header('Cache-Control', 'no-store');
  return c.html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><style>${STYLE}</style></head><body><h1>${esc(title)}</h1>${body}<p><a href="/status">Back to the status page</a></p></body></html>`, status);
}

/**
 * The status page's subscription forms, for people with no account: they work from
 * the page with JavaScript off. Links in mails only show a button (mail scanners
 * fetch links); the POST acts. The unsubscribe URL also takes RFC 8058's one-click
 * POST that mail clients send from the List-Unsubscribe header.
 */
export function registerStatuspageForms(app: Hono<AppEnv>, deps: AppDeps) {
  app.use('/status/*', limitBody(16 * 1024, (c) => page(c, 400, 'Too large', '<p>That request was too large.</p>')));
  const run = <T>(c: Context<AppEnv>, fn: (ctx: Parameters<typeof subscribeByEmail>[0]) => Promise<T>) =>
    inTransaction(deps.database.db, (db) => fn({ actor: ANONYMOUS_ACTOR, db, clock: deps.clock, log: c.get('log'), requestId: c.get('requestId'), settings: deps.settings }));
  const form = async (c: Context<AppEnv>) => {
    const type = c.req.header('content-type') ?? '';
    return /^(application\/x-www-form-urlencoded|multipart\/form-data)/.test(type) ? await c.req.parseBody({ all: true }) : {};
  };

  app.post('/status/subscribe', async (c) => {
    const body = await form(c);
    const email = Email.safeParse(body.email);
    if (!email.success) return page(c, 400, 'Check the address', '<p>The field <strong>email</strong> needs an email address.</p>');
    const raw = body.component;
    const componentIds = (Array.isArray(raw) ? raw : raw ? [raw] : []).map(String).filter((x) => /^[0-9a-f-]{36}$/i.test(x));
    await run(c, (ctx) => subscribeByEmail(ctx, { email: email.data, componentIds }));
    return page(c, 200, 'Check your inbox', `<p>If ${esc(email.data)} is not subscribed yet, a confirmation mail is on its way. Follow its link to start receiving updates.</p>`);
  });

  const tokenForm = (action: string, token: string, label: string) =>
    `<form method="post" action="${action}"><input type="hidden" name="token" value="${esc(token)}"><button type="submit">${esc(label)}</button></form>`;

  app.get('/status/confirm', (c) => page(c, 200, 'Confirm your subscription', tokenForm('/status/confirm', c.req.query('token') ?? '', 'Yes, send me status updates')));
  app.post('/status/confirm', async (c) => {
    const token = String((await form(c)).token ?? '');
    const done = await run(c, (ctx) => confirmSubscription(ctx, token));
    return done
      ? page(c, 200, 'Subscribed', '<p>You will receive status updates by email. Every mail has a link to stop them.</p>')
      : page(c, 400, 'This link does not work', '<p>It may have expired (links last 48 hours) or been used already. Subscribe again from the status page.</p>');
  });

  app.get('/status/unsubscribe', (c) => page(c, 200, 'Stop status updates', tokenForm(`/status/unsubscribe?token=${encodeURIComponent(c.req.query('token') ?? '')}`, c.req.query('token') ?? '', 'Unsubscribe')));
  app.post('/status/unsubscribe', async (c) => {
    const token = c.req.query('token') ?? String((await form(c)).token ?? '');
    await run(c, (ctx) => unsubscribe(ctx, token));
    // The same answer for an unknown link: it says nothing about who is subscribed.
    return page(c, 200, 'Unsubscribed', '<p>You will not receive status updates any more.</p>');
  });
}
