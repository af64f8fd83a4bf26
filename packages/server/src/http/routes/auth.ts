import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { ChangePassword, CompletePasswordReset, Session, SignIn, UpdateProfile, User } from '@operable/shared';
import { deleteCookie, setCookie } from 'hono/cookie';
import { changePassword, completePasswordReset, getUser, signIn, signOut, updateProfile } from '../../auth/index.js';
import { requireSignedIn } from '../../lib/authorize.js';
import { unauthenticated } from '../../lib/errors.js';
import { clientAddress, isHttps, SESSION_COOKIE } from '../middleware.js';
import { AUTHENTICATED, COMMON_ERRORS, errors, json, jsonBody, noContent } from '../openapi.js';
import { runVerb, runVerbUntransacted } from '../run.js';
import type { AppDeps, AppEnv } from '../types.js';

const tags = ['Auth'];

export function registerAuthRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/auth/sign-in',
      tags,
      summary: 'Sign in with email and password; sets the session cookie',
      request: { body: jsonBody(SignIn) },
      responses: { 200: json(Session, 'Signed in'), ...errors(400, 401, 413, 415, 429) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const { token, session } = await runVerbUntransacted(c, deps, (ctx) =>
        signIn(ctx, { ...input, address: clientAddress(c, deps.config.trustProxy), userAgent: c.req.header('user-agent') ?? null }),
      );
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: isHttps(c, deps),
        path: '/',
        maxAge: deps.settings.sessionHours * 3600,
      });
      return c.json(session, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/auth/sign-out',
      tags,
      summary: 'End the current session',
      security: AUTHENTICATED,
      responses: { ...noContent, ...errors(401, 403) },
    }),
    async (c) => {
      const session = c.get('session');
      if (!session) throw unauthenticated('Not signed in with a session');
      await runVerb(c, deps, (ctx) => signOut(ctx, session.token));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/auth/session',
      tags,
      summary: 'The signed-in user and the CSRF token for mutations',
      security: AUTHENTICATED,
      responses: { 200: json(Session, 'Current session'), ...errors(401) },
    }),
    async (c) => {
      const session = c.get('session');
      if (!session) throw unauthenticated('Not signed in');
      const user = await runVerb(c, deps, (ctx) => getUser(ctx, ctx.actor.userId!));
      return c.json({ user, csrfToken: session.csrfToken }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/auth/password-reset',
      tags,
      summary: 'Set a new password with a one-time link token',
      request: { body: jsonBody(CompletePasswordReset) },
      responses: { ...noContent, ...errors(400, 413, 415) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      await runVerb(c, deps, (ctx) => completePasswordReset(ctx, input));
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/auth/password',
      tags,
      summary: 'Change your own password (ends your other sessions)',
      security: AUTHENTICATED,
      request: { body: jsonBody(ChangePassword) },
      responses: { ...noContent, ...errors(...COMMON_ERRORS) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      await runVerb(c, deps, (ctx) => changePassword(ctx, input));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/me',
      tags,
      summary: 'Your own profile',
      security: AUTHENTICATED,
      responses: { 200: json(User, 'You'), ...errors(401) },
    }),
    async (c) => {
      const user = await runVerb(c, deps, (ctx) => {
        requireSignedIn(ctx.actor);
        return getUser(ctx, ctx.actor.userId);
      });
      return c.json(user, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/me',
      tags,
      summary: 'Change your name, time zone or working hours',
      security: AUTHENTICATED,
      request: { body: jsonBody(UpdateProfile) },
      responses: { 200: json(User, 'Updated'), ...errors(...COMMON_ERRORS) },
    }),
    async (c) => {
      const patch = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => updateProfile(ctx, patch)), 200);
    },
  );
}
