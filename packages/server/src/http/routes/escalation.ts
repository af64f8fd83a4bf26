import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { CreateEscalationPolicy, EscalationPolicy, EscalationPolicyList, IdParam, UpdateEscalationPolicy } from '@operable/shared';
import {
  createEscalationPolicy,
  deleteEscalationPolicy,
  getEscalationPolicy,
  listEscalationPolicies,
  updateEscalationPolicy,
} from '../../escalation/index.js';
import { AUTHENTICATED, COMMON_ERRORS, errors, json, jsonBody, noContent } from '../openapi.js';
import { runVerb } from '../run.js';
import type { AppDeps, AppEnv } from '../types.js';

const tags = ['Escalation policies'];
const security = AUTHENTICATED;

export function registerEscalationRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/escalation-policies',
      tags,
      security,
      summary: 'List escalation policies, each with warnings about people it would not reach',
      responses: { 200: json(EscalationPolicyList, 'Escalation policies'), ...errors(401, 403) },
    }),
    async (c) => c.json({ items: await runVerb(c, deps, listEscalationPolicies) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/escalation-policies',
      tags,
      security,
      summary: 'Create an escalation policy (responders for their own teams, admins for any)',
      request: { body: jsonBody(CreateEscalationPolicy) },
      responses: { 201: json(EscalationPolicy, 'Created'), ...errors(...COMMON_ERRORS, 409) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => createEscalationPolicy(ctx, input)), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/escalation-policies/{id}',
      tags,
      security,
      summary: 'One escalation policy (webhook secrets are never shown)',
      request: { params: IdParam },
      responses: { 200: json(EscalationPolicy, 'The policy'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await runVerb(c, deps, (ctx) => getEscalationPolicy(ctx, id)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/escalation-policies/{id}',
      tags,
      security,
      summary: 'Change an escalation policy; `steps`, when sent, replace all steps',
      request: { params: IdParam, body: jsonBody(UpdateEscalationPolicy) },
      responses: { 200: json(EscalationPolicy, 'Updated'), ...errors(...COMMON_ERRORS, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => updateEscalationPolicy(ctx, id, patch)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/escalation-policies/{id}',
      tags,
      security,
      summary: 'Delete an escalation policy no service uses (409 names the services that do)',
      request: { params: IdParam },
      responses: { ...noContent, ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await runVerb(c, deps, (ctx) => deleteEscalationPolicy(ctx, id));
      return c.body(null, 204);
    },
  );
}
