import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  CreateOverride,
  CreateSchedule,
  CreateShadow,
  CreateSwapRequest,
  HandoffNote,
  Id,
  IdParam,
  Override,
  OverrideList,
  Schedule,
  ScheduleList,
  ScheduleRole,
  ScheduleShifts,
  Shadow,
  ShadowList,
  ShiftsQuery,
  SwapRequest,
  UpdateHandoffNote,
  UpdateSchedule,
} from '@operable/shared';
import {
  createOverride,
  createSchedule,
  createShadow,
  deleteOverride,
  deleteSchedule,
  deleteShadow,
  getHandoffNote,
  getSchedule,
  getScheduleShifts,
  listOverrides,
  listSchedules,
  listShadows,
  requestSwap,
  saveHandoffNote,
  updateSchedule,
} from '../../schedules/index.js';
import { AUTHENTICATED, COMMON_ERRORS, errors, json, jsonBody, noContent } from '../openapi.js';
import { runVerb } from '../run.js';
import type { AppDeps, AppEnv } from '../types.js';

const tags = ['Schedules'];
const security = AUTHENTICATED;
const OverrideParams = z.object({ id: Id, overrideId: Id });
const ShadowParams = z.object({ id: Id, shadowId: Id });
const RoleQuery = z.object({ role: ScheduleRole.default('primary') }).strict();

export function registerScheduleRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(
    createRoute({ method: 'get', path: '/api/schedules', tags, security, summary: 'List schedules with their layers', responses: { 200: json(ScheduleList, 'Schedules'), ...errors(401, 403) } }),
    async (c) => c.json({ items: await runVerb(c, deps, listSchedules) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/schedules',
      tags,
      security,
      summary: 'Create a schedule (responders for their own teams, admins for any)',
      request: { body: jsonBody(CreateSchedule) },
      responses: { 201: json(Schedule, 'Created'), ...errors(...COMMON_ERRORS, 409) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => createSchedule(ctx, input)), 201);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/api/schedules/{id}', tags, security, summary: 'One schedule', request: { params: IdParam }, responses: { 200: json(Schedule, 'The schedule'), ...errors(400, 401, 403, 404) } }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await runVerb(c, deps, (ctx) => getSchedule(ctx, id)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/schedules/{id}',
      tags,
      security,
      summary: 'Change a schedule; `layers`, when sent, replace all layers',
      request: { params: IdParam, body: jsonBody(UpdateSchedule) },
      responses: { 200: json(Schedule, 'Updated'), ...errors(...COMMON_ERRORS, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => updateSchedule(ctx, id, patch)), 200);
    },
  );

  app.openapi(
    createRoute({ method: 'delete', path: '/api/schedules/{id}', tags, security, summary: 'Delete a schedule no escalation policy pages', request: { params: IdParam }, responses: { ...noContent, ...errors(400, 401, 403, 404, 409) } }),
    async (c) => {
      const { id } = c.req.valid('param');
      await runVerb(c, deps, (ctx) => deleteSchedule(ctx, id));
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/schedules/{id}/shifts',
      tags,
      security,
      summary: 'Each layer, the overrides and the final on-call lines over a range (at most 400 days)',
      request: { params: IdParam, query: ShiftsQuery },
      responses: { 200: json(ScheduleShifts, 'Shifts'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const range = c.req.valid('query');
      return c.json(await runVerb(c, deps, (ctx) => getScheduleShifts(ctx, id, range)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/schedules/{id}/overrides',
      tags,
      security,
      summary: 'Overrides that touch a range',
      request: { params: IdParam, query: ShiftsQuery },
      responses: { 200: json(OverrideList, 'Overrides'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const range = c.req.valid('query');
      return c.json({ items: await runVerb(c, deps, (ctx) => listOverrides(ctx, id, range)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/schedules/{id}/overrides',
      tags,
      security,
      summary: 'Someone covers a span of a role; the newest override wins where several overlap',
      request: { params: IdParam, body: jsonBody(CreateOverride) },
      responses: { 201: json(Override, 'Created'), ...errors(...COMMON_ERRORS, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => createOverride(ctx, id, input)), 201);
    },
  );

  app.openapi(
    createRoute({ method: 'delete', path: '/api/schedules/{id}/overrides/{overrideId}', tags, security, summary: 'Remove an override', request: { params: OverrideParams }, responses: { ...noContent, ...errors(400, 401, 403, 404) } }),
    async (c) => {
      const { id, overrideId } = c.req.valid('param');
      await runVerb(c, deps, (ctx) => deleteOverride(ctx, id, overrideId));
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/schedules/{id}/swap-requests',
      tags,
      security,
      summary: 'Ask someone to cover a span of your own shift; they accept or decline',
      request: { params: IdParam, body: jsonBody(CreateSwapRequest) },
      responses: { 201: json(SwapRequest, 'Requested'), ...errors(...COMMON_ERRORS, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => requestSwap(ctx, id, input)), 201);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/api/schedules/{id}/shadows', tags, security, summary: 'People shadowing the schedule', request: { params: IdParam }, responses: { 200: json(ShadowList, 'Shadows'), ...errors(400, 401, 403, 404) } }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json({ items: await runVerb(c, deps, (ctx) => listShadows(ctx, id)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/schedules/{id}/shadows',
      tags,
      security,
      summary: 'Let someone shadow the schedule (copies of pages, never the one paged)',
      request: { params: IdParam, body: jsonBody(CreateShadow) },
      responses: { 201: json(Shadow, 'Created'), ...errors(...COMMON_ERRORS, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => createShadow(ctx, id, input)), 201);
    },
  );

  app.openapi(
    createRoute({ method: 'delete', path: '/api/schedules/{id}/shadows/{shadowId}', tags, security, summary: 'Stop a shadow', request: { params: ShadowParams }, responses: { ...noContent, ...errors(400, 401, 403, 404) } }),
    async (c) => {
      const { id, shadowId } = c.req.valid('param');
      await runVerb(c, deps, (ctx) => deleteShadow(ctx, id, shadowId));
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/schedules/{id}/handoff-note',
      tags,
      security,
      summary: 'Your handoff notes for your current shift (409 when you are not on call)',
      request: { params: IdParam, query: RoleQuery },
      responses: { 200: json(HandoffNote, 'The note'), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { role } = c.req.valid('query');
      return c.json(await runVerb(c, deps, (ctx) => getHandoffNote(ctx, id, role)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/schedules/{id}/handoff-note',
      tags,
      security,
      summary: 'Write your handoff notes; the next person gets them in the handoff report',
      request: { params: IdParam, body: jsonBody(UpdateHandoffNote) },
      responses: { 200: json(HandoffNote, 'Saved'), ...errors(...COMMON_ERRORS, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => saveHandoffNote(ctx, id, input)), 200);
    },
  );
}
