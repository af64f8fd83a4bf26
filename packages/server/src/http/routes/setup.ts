import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { ContactChannels, SendSetupTest, SetupCheck, TestMessageQueued } from '@operable/shared';
import { getContactChannels, getSetupCheck, sendSetupTest, type SetupFacts } from '../../admin/index.js';
import { AUTHENTICATED, COMMON_ERRORS, errors, json, jsonBody } from '../openapi.js';
import { runVerb } from '../run.js';
import type { AppDeps, AppEnv } from '../types.js';

/** A listen address only this machine can reach: links in messages would not work from a phone. */
const LOCAL_URL = /^https?:\/\/(localhost|127\.|0\.0\.0\.0|\[::1?\])/i;

function facts(deps: AppDeps): SetupFacts {
  const c = deps.config;
  return {
    ...(c.channels.smtp ? { smtp: { from: c.channels.smtp.from } } : {}),
    ...(c.channels.twilio ? { twilio: { from: c.channels.twilio.from } } : {}),
    slackBot: Boolean(c.slack),
    publicUrl: c.publicUrl,
    publicUrlDefault: LOCAL_URL.test(c.publicUrl),
  };
}

/** The admin setup check, and which contact methods can work here (for everyone's contact form). */
export function registerSetupRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/admin/setup',
      tags: ['Admin'],
      security: AUTHENTICATED,
      summary: 'What is configured: mail, Twilio, the Slack bot, the public URL (admin)',
      responses: { 200: json(SetupCheck, 'The setup check'), ...errors(401, 403) },
    }),
    async (c) => c.json(await runVerb(c, deps, async (ctx) => getSetupCheck(ctx, facts(deps))), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/admin/setup/test',
      tags: ['Admin'],
      security: AUTHENTICATED,
      summary: 'Send a test email through the outbox (admin; 409 when mail is not configured)',
      request: { body: jsonBody(SendSetupTest) },
      responses: { 202: json(TestMessageQueued, 'Queued'), ...errors(...COMMON_ERRORS, 409) },
    }),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => sendSetupTest(ctx, facts(deps), body)), 202);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/contact-channels',
      tags: ['Contact methods'],
      security: AUTHENTICATED,
      summary: 'Which kinds of contact method this server can deliver to',
      responses: { 200: json(ContactChannels, 'Channels'), ...errors(401, 403) },
    }),
    async (c) => c.json(await runVerb(c, deps, async (ctx) => getContactChannels(ctx, facts(deps))), 200),
  );
}
