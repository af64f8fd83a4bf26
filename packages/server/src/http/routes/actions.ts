import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { html, raw } from 'hono/html';
import { ErrorCode } from '@operable/shared';
import { errorBody } from '../errors.js';
import { actByLink, actBySms, previewLink } from '../../alerts/index.js';
import { DomainError } from '../../lib/errors.js';
import { verifyTwilioSignature, voiceReply } from '../../notify/index.js';
import { runVerb, runVerbUntransacted } from '../run.js';
import { serverPageCsp } from '../security-headers.js';
import type { AppDeps, AppEnv } from '../types.js';

/** The pages' only style: one fixed element, allowed by its hash in the pages' CSP (no inline script at all). */
const STYLE = `body{font:18px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#111;background:#fff}
@media (prefers-color-scheme:dark){body{color:#eee;background:#111}}button{font:inherit;padding:.8rem 1.6rem;border-radius:.5rem;border:0;background:#1d4ed8;color:#fff;cursor:pointer}
button:focus{outline:3px solid #f59e0b;outline-offset:2px}a{color:inherit}`;
const PAGE_CSP = serverPageCsp(STYLE);

/**
 * Acknowledge or resolve from a message. GET shows a confirm page and changes
 * nothing (mail scanners and link previews fetch links); only the POST acts.
 */
function page(title: string, body: ReturnType<typeof html>) {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · Operable</title>
<style>${raw(STYLE)}</style></head>
<body><main>${body}</main></body></html>`;
}

const VERB = { acknowledge: 'Acknowledge', resolve: 'Resolve' } as const;

export function registerActionRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  const TokenParam = z.object({ token: z.string() });
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/a/{token}',
    tags: ['Alerts'],
    summary: 'Confirm page for an acknowledge/resolve link from a message (changes nothing)',
    request: { params: TokenParam },
    responses: { 200: { description: 'HTML confirm page' }, 400: { description: 'HTML: invalid or expired link' } },
  });
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/a/{token}',
    tags: ['Alerts'],
    summary: 'Act on a signed, expiring, single-use link',
    request: { params: TokenParam },
    responses: { 200: { description: 'HTML result' }, 400: { description: 'HTML: invalid or expired' }, 409: { description: 'HTML: already used' } },
  });
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/ingest/twilio/sms',
    tags: ['Ingest'],
    summary: 'Twilio inbound SMS webhook: reply codes like 42A acknowledge alert #42 (X-Twilio-Signature checked)',
    responses: { 200: { description: 'TwiML reply' }, 403: { description: 'Bad signature' } },
  });
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/ingest/twilio/voice',
    tags: ['Ingest'],
    summary: 'Twilio <Gather> callback of a voice page: 1 acknowledges, 2 resolves, as the person called (X-Twilio-Signature checked)',
    responses: { 200: { description: 'TwiML reply' }, 403: { description: 'Bad signature' } },
  });

  app.use('/a/*', async (c, next) => {
    c.header('Content-Security-Policy', PAGE_CSP);
    return next();
  });

  const failure = (c: Context<AppEnv>, error: unknown) => {
    if (!(error instanceof DomainError)) throw error;
    const status = error.code === 'conflict' ? 409 : error.code === 'forbidden' ? 403 : 400;
    return c.html(page('Link', html`<h1>Nothing was changed</h1><p>${error.message}</p><p><a href="/alerts">Open Operable</a></p>`), status);
  };

  app.get('/a/:token', async (c) => {
    try {
      const { claims, alert } = await runVerbUntransacted(c, deps, (ctx) => previewLink(ctx, c.req.param('token')));
      const verb = VERB[claims.action];
      return c.html(
        page(
          verb,
          html`<h1>${verb} alert #${alert.number}?</h1><p><strong>${alert.service}</strong>: ${alert.summary}</p><p>It is ${alert.status} now.</p>
<form method="post"><button type="submit">${verb}</button></form><p><a href="/alerts/${claims.alertId}">Open the alert instead</a></p>`,
        ),
      );
    } catch (error) {
      return failure(c, error);
    }
  });

  app.post('/a/:token', async (c) => {
    try {
      const { claims, changed } = await runVerb(c, deps, (ctx) => actByLink(ctx, c.req.param('token')));
      const done = claims.action === 'acknowledge' ? 'Acknowledged' : 'Resolved';
      return c.html(
        page(done, html`<h1>${changed ? done : 'Nothing to do'}</h1><p>${changed ? 'Escalation has stopped for this alert.' : 'The alert was already in that state.'}</p><p><a href="/alerts/${claims.alertId}">Open the alert</a></p>`),
      );
    } catch (error) {
      return failure(c, error);
    }
  });

  app.post('/ingest/twilio/sms', async (c) => {
    const twilio = deps.config.channels.twilio;
    const params = Object.fromEntries(Object.entries(await c.req.parseBody()).map(([k, v]) => [k, String(v)]));
    const url = `${deps.settings.publicUrl}/ingest/twilio/sms`;
    if (!twilio || !verifyTwilioSignature(twilio.authToken, url, params, c.req.header('x-twilio-signature'))) {
      return c.json(errorBody(ErrorCode.Forbidden, 'Missing or wrong X-Twilio-Signature (or Twilio is not configured)'), 403);
    }
    const reply = await runVerb(c, deps, (ctx) => actBySms(ctx, params.From ?? '', params.Body ?? ''));
    const escaped = reply.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
    return c.body(`<?xml version="1.0" encoding="UTF-8"?><Response><Message>${escaped}</Message></Response>`, 200, { 'Content-Type': 'text/xml' });
  });

  // The call's TwiML names this URL with the message's own link tokens in the query,
  // and Twilio signs the URL with its query, so a forged or altered call changes nothing.
  app.post('/ingest/twilio/voice', async (c) => {
    const twilio = deps.config.channels.twilio;
    const params = Object.fromEntries(Object.entries(await c.req.parseBody()).map(([k, v]) => [k, String(v)]));
    const url = `${deps.settings.publicUrl}/ingest/twilio/voice${new URL(c.req.url).search}`;
    if (!twilio || !verifyTwilioSignature(twilio.authToken, url, params, c.req.header('x-twilio-signature'))) {
      return c.json(errorBody(ErrorCode.Forbidden, 'Missing or wrong X-Twilio-Signature (or Twilio is not configured)'), 403);
    }
    const xml = (text: string) => c.body(voiceReply(text), 200, { 'Content-Type': 'text/xml' });
    const token = params.Digits === '1' ? c.req.query('acknowledge') : params.Digits === '2' ? c.req.query('resolve') : undefined;
    if (!token) return xml('That key does nothing. Open the alert in Operable to act on it. Goodbye.');
    try {
      const { claims, changed, alertNumber } = await runVerb(c, deps, (ctx) => actByLink(ctx, token, 'voice'));
      const done = claims.action === 'acknowledge' ? 'acknowledged' : 'resolved';
      return xml(changed ? `Alert number ${alertNumber} is ${done}. Thank you. Goodbye.` : `Nothing changed: alert number ${alertNumber} was already ${done}. Goodbye.`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return xml(`Nothing was changed. ${error.message} Goodbye.`);
    }
  });
}
