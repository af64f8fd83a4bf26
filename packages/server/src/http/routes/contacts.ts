import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import {
  ContactMethod,
  ContactMethodCreated,
  ContactSetup,
  CreateContactMethod,
  CreateNotificationRule,
  IdParam,
  NotificationRule,
  TestMessageQueued,
  UserItemParams,
  UserParam,
  VerifyContactMethod,
} from '@operable/shared';
import type { Context } from 'hono';
import {
  createContactMethod,
  createNotificationRule,
  deleteContactMethod,
  deleteNotificationRule,
  getContactSetup,
  resendVerificationCode,
  sendTestMessage,
  verifyContactMethod,
} from '../../notify/index.js';
import { AUTHENTICATED, COMMON_ERRORS, errors, json, jsonBody, noContent } from '../openapi.js';
import { runVerb, runVerbUntransacted } from '../run.js';
import type { AppDeps, AppEnv } from '../types.js';

const tags = ['Contact methods'];
const security = AUTHENTICATED;

/**
 * Every route twice: under /api/me for the signed-in person (any role: everyone
 * must be reachable), and under /api/users/{userId} for admins managing someone else.
 */
const SCOPES = [
  { base: '/api/me', whose: 'your', forUser: () => undefined, userParams: undefined, itemParams: IdParam },
  { base: '/api/users/{userId}', whose: 'a person’s (admin)', forUser: (c: Context<AppEnv>) => c.req.param('userId'), userParams: UserParam, itemParams: UserItemParams },
] as const;

export function registerContactRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  for (const scope of SCOPES) {
    const { base, whose, userParams, itemParams } = scope;
    const forUser = (c: Context<AppEnv>) => scope.forUser(c);
    const id = (c: Context<AppEnv>) => c.req.param('id')!;
    const userOnly = userParams ? { params: userParams } : {};

    app.openapi(
      createRoute({
        method: 'get',
        path: `${base}/contact-setup`,
        tags,
        security,
        summary: `Show ${whose} contact methods and notification rules, with what would keep a page from arriving`,
        request: { ...userOnly },
        responses: { 200: json(ContactSetup, 'Contact setup'), ...errors(400, 401, 403, 404) },
      }),
      async (c) => c.json(await runVerb(c, deps, (ctx) => getContactSetup(ctx, forUser(c))), 200),
    );

    app.openapi(
      createRoute({
        method: 'post',
        path: `${base}/contact-methods`,
        tags,
        security,
        summary: `Add to ${whose} contact methods: unverified until the code sent to it is entered`,
        request: { ...userOnly, body: jsonBody(CreateContactMethod) },
        responses: { 201: json(ContactMethodCreated, 'Created; a code is on its way'), ...errors(...COMMON_ERRORS, 404, 409) },
      }),
      async (c) => {
        const input = c.req.valid('json');
        return c.json(await runVerb(c, deps, (ctx) => createContactMethod(ctx, input, forUser(c))), 201);
      },
    );

    app.openapi(
      createRoute({
        method: 'post',
        path: `${base}/contact-methods/{id}/verify`,
        tags,
        security,
        summary: `Verify one of ${whose} contact methods with the code sent to it (5 tries per code)`,
        request: { params: itemParams, body: jsonBody(VerifyContactMethod) },
        responses: { 200: json(ContactMethod, 'Verified'), ...errors(...COMMON_ERRORS, 404) },
      }),
      async (c) => {
        const { code } = c.req.valid('json');
        // Manages its own transaction: a wrong code is counted even though the call fails.
        return c.json(await runVerbUntransacted(c, deps, (ctx) => verifyContactMethod(ctx, id(c), code, forUser(c))), 200);
      },
    );

    app.openapi(
      createRoute({
        method: 'post',
        path: `${base}/contact-methods/{id}/resend-code`,
        tags,
        security,
        summary: `Send a new verification code to one of ${whose} contact methods (at most once a minute)`,
        request: { params: itemParams },
        responses: { 200: json(ContactMethod, 'A new code is on its way'), ...errors(400, 401, 403, 404, 409, 429) },
      }),
      async (c) => c.json(await runVerb(c, deps, (ctx) => resendVerificationCode(ctx, id(c), forUser(c))), 200),
    );

    app.openapi(
      createRoute({
        method: 'post',
        path: `${base}/contact-methods/{id}/test`,
        tags,
        security,
        summary: `Send a test message to one of ${whose} verified contact methods`,
        request: { params: itemParams },
        responses: { 202: json(TestMessageQueued, 'Queued'), ...errors(400, 401, 403, 404, 409) },
      }),
      async (c) => c.json(await runVerb(c, deps, (ctx) => sendTestMessage(ctx, id(c), forUser(c))), 202),
    );

    app.openapi(
      createRoute({
        method: 'delete',
        path: `${base}/contact-methods/{id}`,
        tags,
        security,
        summary: `Delete one of ${whose} contact methods and the notification rules that use it`,
        request: { params: itemParams },
        responses: { ...noContent, ...errors(400, 401, 403, 404) },
      }),
      async (c) => {
        await runVerb(c, deps, (ctx) => deleteContactMethod(ctx, id(c), forUser(c)));
        return c.body(null, 204);
      },
    );

    app.openapi(
      createRoute({
        method: 'post',
        path: `${base}/notification-rules`,
        tags,
        security,
        summary: `Add to ${whose} notification rules: which contact method, how long after a page, for which urgency`,
        request: { ...userOnly, body: jsonBody(CreateNotificationRule) },
        responses: { 201: json(NotificationRule, 'Created'), ...errors(...COMMON_ERRORS, 404, 409) },
      }),
      async (c) => {
        const input = c.req.valid('json');
        return c.json(await runVerb(c, deps, (ctx) => createNotificationRule(ctx, input, forUser(c))), 201);
      },
    );

    app.openapi(
      createRoute({
        method: 'delete',
        path: `${base}/notification-rules/{id}`,
        tags,
        security,
        summary: `Delete one of ${whose} notification rules`,
        request: { params: itemParams },
        responses: { ...noContent, ...errors(400, 401, 403, 404) },
      }),
      async (c) => {
        await runVerb(c, deps, (ctx) => deleteNotificationRule(ctx, id(c), forUser(c)));
        return c.body(null, 204);
      },
    );
  }
}
