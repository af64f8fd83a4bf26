import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { IdParam, InboxList, OnCallList, OnCallQuery, SwapRequest, SwapRequestList } from '@operable/shared';
import { listInbox, markInboxRead } from '../../notify/index.js';
import { acceptSwap, cancelSwap, declineSwap, listSwapRequests, whoIsOnCall } from '../../schedules/index.js';
import { AUTHENTICATED, errors, json, noContent } from '../openapi.js';
import { runVerb } from '../run.js';
import type { AppDeps, AppEnv } from '../types.js';

const security = AUTHENTICATED;

export function registerOnCallRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/oncall',
      tags: ['Schedules'],
      security,
      summary: 'Who is on call now, at `at`, or every shift over the next `weeks`; for a schedule, a service, a policy, or all',
      request: { query: OnCallQuery },
      responses: { 200: json(OnCallList, 'Who is on call'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const query = c.req.valid('query');
      return c.json(await runVerb(c, deps, (ctx) => whoIsOnCall(ctx, query)), 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/api/swap-requests', tags: ['Schedules'], security, summary: 'Swap requests you sent or were asked', responses: { 200: json(SwapRequestList, 'Swap requests'), ...errors(401, 403) } }),
    async (c) => c.json({ items: await runVerb(c, deps, listSwapRequests) }, 200),
  );

  const decisions = { accept: acceptSwap, decline: declineSwap, cancel: cancelSwap } as const;
  for (const [verb, decide] of Object.entries(decisions)) {
    app.openapi(
      createRoute({
        method: 'post',
        path: `/api/swap-requests/{id}/${verb}`,
        tags: ['Schedules'],
        security,
        summary: verb === 'cancel' ? 'Withdraw your own request' : `${verb === 'accept' ? 'Accept (you cover the span)' : 'Decline'} a request made to you`,
        request: { params: IdParam },
        responses: { 200: json(SwapRequest, 'The request'), ...errors(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        return c.json(await runVerb(c, deps, (ctx) => decide(ctx, id)), 200);
      },
    );
  }

  app.openapi(
    createRoute({ method: 'get', path: '/api/inbox', tags: ['Inbox'], security, summary: 'Your in-app news: handoff reports, swap requests, reminders, warnings', responses: { 200: json(InboxList, 'Newest first'), ...errors(401, 403) } }),
    async (c) => c.json({ items: await runVerb(c, deps, listInbox) }, 200),
  );

  app.openapi(
    createRoute({ method: 'post', path: '/api/inbox/{id}/read', tags: ['Inbox'], security, summary: 'Mark an inbox item read', request: { params: IdParam }, responses: { ...noContent, ...errors(400, 401, 403, 404) } }),
    async (c) => {
      const { id } = c.req.valid('param');
      await runVerb(c, deps, (ctx) => markInboxRead(ctx, id));
      return c.body(null, 204);
    },
  );
}
