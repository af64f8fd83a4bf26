import { createRoute, type OpenAPIHono, type z } from '@hono/zod-openapi';
import { CreateStatuspageSubscriber, IdParam, StatuspageSubscriber, StatuspageSubscriberList } from '@operable/shared';
import { createWebhookSubscriber, deleteSubscriber, listSubscribers, subscribeByEmail } from '../../statuspage/index.js';
import { AUTHENTICATED, COMMON_ERRORS, errors, json, jsonBody, noContent } from '../openapi.js';
import { runVerb } from '../run.js';
import type { AppDeps, AppEnv } from '../types.js';
import { requireRole } from '../../lib/authorize.js';

const tags = ['Status page'];
const security = AUTHENTICATED;

/** Who hears about status page updates. Admins only: the list holds people's addresses. */
export function registerStatuspageSubscriberRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(
    createRoute({ method: 'get', path: '/api/statuspage/subscribers', tags, security, summary: 'Subscribers (admins)', responses: { 200: json(StatuspageSubscriberList, 'Subscribers'), ...errors(401, 403) } }),
    async (c) => c.json({ items: await runVerb(c, deps, listSubscribers) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/statuspage/subscribers',
      tags,
      security,
      summary: 'Add a webhook subscriber, or send an email address its confirmation mail (admins)',
      request: { body: jsonBody(CreateStatuspageSubscriber) },
      responses: { 201: json(StatuspageSubscriber, 'The webhook subscriber'), 202: { description: 'Confirmation mail queued' }, ...errors(...COMMON_ERRORS, 409) },
    }),
    async (c) => {
      const input = c.req.valid('json') as z.output<typeof CreateStatuspageSubscriber>;
      if (input.kind === 'email') {
        await runVerb(c, deps, (ctx) => {
          requireRole(ctx.actor, 'admin');
          return subscribeByEmail(ctx, { email: input.email, componentIds: input.componentIds });
        });
        return c.body(null, 202);
      }
      return c.json(await runVerb(c, deps, (ctx) => createWebhookSubscriber(ctx, input)), 201);
    },
  );
  app.openapi(
    createRoute({ method: 'delete', path: '/api/statuspage/subscribers/{id}', tags, security, summary: 'Remove a subscriber (admins)', request: { params: IdParam }, responses: { ...noContent, ...errors(400, 401, 403, 404) } }),
    async (c) => {
      const { id } = c.req.valid('param');
      await runVerb(c, deps, (ctx) => deleteSubscriber(ctx, id));
      return c.body(null, 204);
    },
  );
}
