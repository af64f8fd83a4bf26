import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  CreatePublicIncident,
  CreateStatuspageComponent,
  CreateStatuspageTemplate,
  IdParam,
  PostPublicUpdate,
  ProposedPublicUpdate,
  PublicIncident,
  PublicIncidentList,
  PublicIncidentQuery,
  StatuspageComponent,
  StatuspageComponentList,
  StatuspageSettings,
  StatuspageTemplate,
  StatuspageTemplateList,
  UpdatePublicIncident,
  UpdateStatuspageComponent,
  UpdateStatuspageSettings,
  UpdateStatuspageTemplate,
} from '@operable/shared';
import * as sp from '../../statuspage/index.js';
import type { Ctx } from '../../lib/context.js';
import { AUTHENTICATED, COMMON_ERRORS, errors, json, jsonBody, noContent } from '../openapi.js';
import { runVerb } from '../run.js';
import type { AppDeps, AppEnv } from '../types.js';
import type { Context } from 'hono';

const tags = ['Status page'];
const security = AUTHENTICATED;
const BASE = '/api/statuspage';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * The status page's admin API. Reading is for everyone signed in; the page's shape
 * (settings, components) is for admins; incidents, maintenance and templates for
 * responders. A change rebuilds this process's public documents before answering.
 */
export function registerStatuspageRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  const site = () => sp.publicSite(deps.database.db, deps.clock, deps.settings.publicUrl, deps.log);
  const change = async <T>(c: Context<AppEnv>, verb: (ctx: Ctx) => Promise<T>): Promise<T> => {
    const result = await runVerb(c, deps, verb);
    await site().changed();
    return result;
  };

  const route = (method: Method, path: string, summary: string, request: Record<string, unknown>, responses: Record<number, unknown>) =>
    createRoute({ method, path: `${BASE}${path}`, tags, security, summary, request, responses } as Parameters<typeof createRoute>[0]);

  app.openapi(route('get', '/settings', 'The public page’s name, logo, colours and contact', {}, { 200: json(StatuspageSettings, 'Settings'), ...errors(401, 403) }), async (c) =>
    c.json(await runVerb(c, deps, sp.getStatuspageSettings), 200),
  );
  app.openapi(
    route('patch', '/settings', 'Change the public page’s settings (admins)', { body: jsonBody(UpdateStatuspageSettings) }, { 200: json(StatuspageSettings, 'Updated'), ...errors(...COMMON_ERRORS) }),
    async (c) => {
      const patch = c.req.valid('json' as never) as z.output<typeof UpdateStatuspageSettings>;
      return c.json(await change(c, (ctx) => sp.updateStatuspageSettings(ctx, patch)), 200);
    },
  );

  // Components and groups
  app.openapi(route('get', '/components', 'Components and groups, with what they follow', {}, { 200: json(StatuspageComponentList, 'Components'), ...errors(401, 403) }), async (c) =>
    c.json({ items: await runVerb(c, deps, sp.listStatuspageComponents) }, 200),
  );
  app.openapi(
    route('post', '/components', 'Add a component or group (admins)', { body: jsonBody(CreateStatuspageComponent) }, { 201: json(StatuspageComponent, 'Created'), ...errors(...COMMON_ERRORS) }),
    async (c) => {
      const input = c.req.valid('json' as never) as z.output<typeof CreateStatuspageComponent>;
      return c.json(await change(c, (ctx) => sp.createStatuspageComponent(ctx, input)), 201);
    },
  );
  app.openapi(route('get', '/components/{id}', 'One component', { params: IdParam }, { 200: json(StatuspageComponent, 'The component'), ...errors(400, 401, 403, 404) }), async (c) => {
    const { id } = c.req.valid('param' as never) as { id: string };
    return c.json(await runVerb(c, deps, (ctx) => sp.getStatuspageComponent(ctx, id)), 200);
  });
  app.openapi(
    route('patch', '/components/{id}', 'Change a component; `status` sets it by hand, null follows its sources again (admins)', { params: IdParam, body: jsonBody(UpdateStatuspageComponent) }, {
      200: json(StatuspageComponent, 'Updated'),
      ...errors(...COMMON_ERRORS, 404),
    }),
    async (c) => {
      const { id } = c.req.valid('param' as never) as { id: string };
      const patch = c.req.valid('json' as never) as z.output<typeof UpdateStatuspageComponent>;
      return c.json(await change(c, (ctx) => sp.updateStatuspageComponent(ctx, id, patch)), 200);
    },
  );
  app.openapi(route('delete', '/components/{id}', 'Remove a component or group; a group’s members stay, ungrouped (admins)', { params: IdParam }, { ...noContent, ...errors(400, 401, 403, 404) }), async (c) => {
    const { id } = c.req.valid('param' as never) as { id: string };
    await change(c, (ctx) => sp.deleteStatuspageComponent(ctx, id));
    return c.body(null, 204);
  });

  // Public incidents and scheduled maintenance
  app.openapi(route('get', '/incidents', 'Public incidents and maintenance, newest first', { query: PublicIncidentQuery }, { 200: json(PublicIncidentList, 'Incidents'), ...errors(400, 401, 403) }), async (c) => {
    const q = c.req.valid('query' as never) as z.output<typeof PublicIncidentQuery>;
    const filter = { kind: q.kind, open: q.open === undefined ? undefined : q.open === 'true' };
    return c.json({ items: await runVerb(c, deps, (ctx) => sp.listPublicIncidents(ctx, filter)) }, 200);
  });
  app.openapi(
    route('post', '/incidents', 'Open a public incident or schedule maintenance, with its first update (responders)', { body: jsonBody(CreatePublicIncident) }, {
      201: json(PublicIncident, 'Created'),
      ...errors(...COMMON_ERRORS),
    }),
    async (c) => {
      const input = c.req.valid('json' as never) as z.output<typeof CreatePublicIncident>;
      return c.json(await change(c, (ctx) => sp.createPublicIncident(ctx, input)), 201);
    },
  );
  app.openapi(route('get', '/incidents/{id}', 'One public incident or maintenance with its updates', { params: IdParam }, { 200: json(PublicIncident, 'The incident'), ...errors(400, 401, 403, 404) }), async (c) => {
    const { id } = c.req.valid('param' as never) as { id: string };
    return c.json(await runVerb(c, deps, (ctx) => sp.getPublicIncident(ctx, id)), 200);
  });
  app.openapi(
    route('patch', '/incidents/{id}', 'Change its name, impact, components, times or next update time (responders)', { params: IdParam, body: jsonBody(UpdatePublicIncident) }, {
      200: json(PublicIncident, 'Updated'),
      ...errors(...COMMON_ERRORS, 404),
    }),
    async (c) => {
      const { id } = c.req.valid('param' as never) as { id: string };
      const patch = c.req.valid('json' as never) as z.output<typeof UpdatePublicIncident>;
      return c.json(await change(c, (ctx) => sp.updatePublicIncident(ctx, id, patch)), 200);
    },
  );
  app.openapi(route('delete', '/incidents/{id}', 'Remove a public incident or maintenance (admins)', { params: IdParam }, { ...noContent, ...errors(400, 401, 403, 404) }), async (c) => {
    const { id } = c.req.valid('param' as never) as { id: string };
    await change(c, (ctx) => sp.deletePublicIncident(ctx, id));
    return c.body(null, 204);
  });
  app.openapi(
    route(
      'get',
      '/incidents/{id}/proposed-update',
      'A draft of the next update from the linked internal incident’s latest status update; publishes nothing (responders)',
      { params: IdParam },
      { 200: json(ProposedPublicUpdate, 'The draft, for a person to edit and post'), ...errors(400, 401, 403, 404, 409) },
    ),
    async (c) => {
      const { id } = c.req.valid('param' as never) as { id: string };
      return c.json(await runVerb(c, deps, (ctx) => sp.proposePublicUpdate(ctx, id)), 200);
    },
  );
  app.openapi(
    route('post', '/incidents/{id}/updates', 'Post an update: status, text, component statuses, next update time (responders)', { params: IdParam, body: jsonBody(PostPublicUpdate) }, {
      201: json(PublicIncident, 'The incident with the new update first'),
      ...errors(...COMMON_ERRORS, 404),
    }),
    async (c) => {
      const { id } = c.req.valid('param' as never) as { id: string };
      const input = c.req.valid('json' as never) as z.output<typeof PostPublicUpdate>;
      return c.json(await change(c, (ctx) => sp.postPublicUpdate(ctx, id, input)), 201);
    },
  );

  // Update templates
  app.openapi(route('get', '/templates', 'Update templates', {}, { 200: json(StatuspageTemplateList, 'Templates'), ...errors(401, 403) }), async (c) =>
    c.json({ items: await runVerb(c, deps, sp.listStatuspageTemplates) }, 200),
  );
  app.openapi(route('post', '/templates', 'Add an update template (responders)', { body: jsonBody(CreateStatuspageTemplate) }, { 201: json(StatuspageTemplate, 'Created'), ...errors(...COMMON_ERRORS, 409) }), async (c) => {
    const input = c.req.valid('json' as never) as z.output<typeof CreateStatuspageTemplate>;
    return c.json(await runVerb(c, deps, (ctx) => sp.createStatuspageTemplate(ctx, input)), 201);
  });
  app.openapi(
    route('patch', '/templates/{id}', 'Change an update template (responders)', { params: IdParam, body: jsonBody(UpdateStatuspageTemplate) }, {
      200: json(StatuspageTemplate, 'Updated'),
      ...errors(...COMMON_ERRORS, 404, 409),
    }),
    async (c) => {
      const { id } = c.req.valid('param' as never) as { id: string };
      const patch = c.req.valid('json' as never) as z.output<typeof UpdateStatuspageTemplate>;
      return c.json(await runVerb(c, deps, (ctx) => sp.updateStatuspageTemplate(ctx, id, patch)), 200);
    },
  );
  app.openapi(route('delete', '/templates/{id}', 'Remove an update template (responders)', { params: IdParam }, { ...noContent, ...errors(400, 401, 403, 404) }), async (c) => {
    const { id } = c.req.valid('param' as never) as { id: string };
    await runVerb(c, deps, (ctx) => sp.deleteStatuspageTemplate(ctx, id));
    return c.body(null, 204);
  });
}
