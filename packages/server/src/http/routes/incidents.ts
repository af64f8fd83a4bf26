import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  AddChecklistItem,
  AddIncidentService,
  AddNote,
  AssignRole,
  ChecklistItemParam,
  ChecklistList,
  DeclareIncident,
  IncidentActions,
  IncidentAlertParam,
  IncidentCommand,
  IncidentCommandList,
  IncidentDetail,
  IncidentList,
  IncidentQuery,
  IncidentRef,
  IncidentRoleParam,
  IncidentServiceParam,
  IncidentTimelineEntry,
  IncidentUpdate,
  LinkAlert,
  MarkKeyMoment,
  PostUpdate,
  RecordCommand,
  TickChecklistItem,
  TimelineEntryParam,
  UpdateIncident,
  ActionParam,
  ActionRun,
  RunCompensatingAction,
} from '@operable/shared';
import * as incidents from '../../incidents/index.js';
import type { AppDeps, AppEnv } from '../types.js';
import { addRoute } from './incident-route.js';

const tags = ['Incidents'];
const WRITE = [400, 401, 403, 404, 409, 413, 415] as const;
const READ = [400, 401, 403, 404] as const;

export function registerIncidentRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  addRoute(app, deps, { method: 'get', path: '/api/incidents', tags, summary: 'Incidents, newest first (`status=open` for the ones still running)', query: IncidentQuery, status: 200, response: IncidentList, errors: [400, 401, 403] }, ({ query }, run) =>
    run((ctx) => incidents.listIncidents(ctx, query)),
  );

  addRoute(
    app,
    deps,
    { method: 'post', path: '/api/incidents', tags, summary: 'Declare an incident from alerts, by hand, or both (any responder); the declarer becomes commander', body: DeclareIncident, status: 201, response: IncidentDetail, errors: [...WRITE] },
    async ({ body }, run) => {
      const detail = await run((ctx) => incidents.declareIncident(ctx, body));
      if (!body.createSlackChannel) return detail;
      return incidents.createSlackChannel(run, detail.id, { sayWhenUnconfigured: true });
    },
  );

  addRoute(app, deps, { method: 'get', path: '/api/incidents/{id}', tags, summary: 'One incident (by number or id) with roles, alerts, checklist, updates and timeline', params: IncidentRef, status: 200, response: IncidentDetail, errors: [...READ] }, ({ params }, run) =>
    run((ctx) => incidents.getIncident(ctx, params.id)),
  );

  addRoute(
    app,
    deps,
    { method: 'patch', path: '/api/incidents/{id}', tags, summary: 'Change title, triage fields, war room, severity, status (resolved → another status reopens) or the drill flag', params: IncidentRef, body: UpdateIncident, status: 200, response: IncidentDetail, errors: [...WRITE] },
    ({ params, body }, run) => run((ctx) => incidents.updateIncident(ctx, params.id, body)),
  );

  addRoute(app, deps, { method: 'post', path: '/api/incidents/{id}/alerts', tags, summary: 'Link an alert; its service joins the incident', params: IncidentRef, body: LinkAlert, status: 200, response: IncidentDetail, errors: [...WRITE] }, ({ params, body }, run) =>
    run((ctx) => incidents.linkAlert(ctx, params.id, body.alertId)),
  );
  addRoute(app, deps, { method: 'delete', path: '/api/incidents/{id}/alerts/{alertId}', tags, summary: 'Unlink an alert; a service that came only with it leaves', params: IncidentAlertParam, status: 200, response: IncidentDetail, errors: [...READ, 409] }, ({ params }, run) =>
    run((ctx) => incidents.unlinkAlert(ctx, params.id, params.alertId)),
  );
  addRoute(app, deps, { method: 'post', path: '/api/incidents/{id}/services', tags, summary: 'Add a service by hand', params: IncidentRef, body: AddIncidentService, status: 200, response: IncidentDetail, errors: [...WRITE] }, ({ params, body }, run) =>
    run((ctx) => incidents.addIncidentService(ctx, params.id, body.serviceId)),
  );
  addRoute(app, deps, { method: 'delete', path: '/api/incidents/{id}/services/{serviceId}', tags, summary: 'Remove a service', params: IncidentServiceParam, status: 200, response: IncidentDetail, errors: [...READ] }, ({ params }, run) =>
    run((ctx) => incidents.removeIncidentService(ctx, params.id, params.serviceId)),
  );

  addRoute(
    app,
    deps,
    { method: 'post', path: '/api/incidents/{id}/roles', tags, summary: 'Assign or hand over a role; `page: true` pages the person into it through their notification rules', params: IncidentRef, body: AssignRole, status: 200, response: IncidentDetail, errors: [...WRITE] },
    ({ params, body }, run) => run((ctx) => incidents.assignRole(ctx, params.id, body)),
  );
  addRoute(app, deps, { method: 'delete', path: '/api/incidents/{id}/roles/{role}/{userId}', tags, summary: 'Take someone out of a role', params: IncidentRoleParam, status: 200, response: IncidentDetail, errors: [...READ] }, ({ params }, run) =>
    run((ctx) => incidents.removeRole(ctx, params.id, { role: params.role, userId: params.userId })),
  );

  addRoute(app, deps, { method: 'post', path: '/api/incidents/{id}/notes', tags, summary: 'Add a markdown note to the timeline (rendered sanitized), optionally as a key moment', params: IncidentRef, body: AddNote, status: 201, response: IncidentTimelineEntry, errors: [...WRITE] }, ({ params, body }, run) =>
    run((ctx) => incidents.addNote(ctx, params.id, body)),
  );
  addRoute(
    app,
    deps,
    { method: 'put', path: '/api/incidents/{id}/timeline/{entryId}/key-moment', tags, summary: 'Mark a timeline entry as a key moment (detected, acknowledged, mitigated, resolved; one each), or clear it with null', params: TimelineEntryParam, body: MarkKeyMoment, status: 200, response: IncidentTimelineEntry, errors: [...WRITE] },
    ({ params, body }, run) => run((ctx) => incidents.markKeyMoment(ctx, params.id, params.entryId, body.keyMoment)),
  );

  addRoute(app, deps, { method: 'post', path: '/api/incidents/{id}/checklist', tags, summary: 'Add a checklist item', params: IncidentRef, body: AddChecklistItem, status: 201, response: ChecklistList, errors: [...WRITE] }, async ({ params, body }, run) => ({
    items: await run((ctx) => incidents.addChecklistItem(ctx, params.id, body.text)),
  }));
  addRoute(app, deps, { method: 'put', path: '/api/incidents/{id}/checklist/{itemId}', tags, summary: 'Tick or untick a checklist item (logged with who and when)', params: ChecklistItemParam, body: TickChecklistItem, status: 200, response: ChecklistList, errors: [...WRITE] }, async ({ params, body }, run) => ({
    items: await run((ctx) => incidents.tickChecklistItem(ctx, params.id, params.itemId, body.done)),
  }));

  addRoute(
    app,
    deps,
    { method: 'post', path: '/api/incidents/{id}/updates', tags, summary: 'Post a status update (typed or from a template) with the time the next one is due; subscribers hear of it', params: IncidentRef, body: PostUpdate, status: 201, response: IncidentUpdate, errors: [...WRITE] },
    ({ params, body }, run) => run((ctx) => incidents.postUpdate(ctx, params.id, body)),
  );

  addRoute(
    app,
    deps,
    { method: 'post', path: '/api/incidents/{id}/commands', tags, summary: 'Record a command run with `operable exec --incident N` (output redacted by the admin’s patterns); a repeated clientId answers the first record', params: IncidentRef, body: RecordCommand, status: 201, response: IncidentCommand, errors: [...WRITE] },
    async ({ params, body }, run) => (await run((ctx) => incidents.recordCommand(ctx, params.id, body))).command,
  );
  addRoute(app, deps, { method: 'get', path: '/api/incidents/{id}/commands', tags, summary: 'Commands run during the incident', params: IncidentRef, status: 200, response: IncidentCommandList, errors: [...READ] }, async ({ params }, run) => ({
    items: await run((ctx) => incidents.listCommands(ctx, params.id)),
  }));

  addRoute(app, deps, { method: 'get', path: '/api/incidents/{id}/actions', tags, summary: 'Compensating actions of the incident’s services, and those run', params: IncidentRef, status: 200, response: IncidentActions, errors: [...READ] }, ({ params }, run) =>
    run((ctx) => incidents.listIncidentActions(ctx, params.id)),
  );
  addRoute(
    app,
    deps,
    { method: 'post', path: '/api/incidents/{id}/actions/{actionId}/run', tags, summary: 'Run a compensating action (`confirm: true`): a signed webhook call, or a link to open; logged with its result', params: ActionParam, body: RunCompensatingAction, status: 201, response: ActionRun, errors: [...WRITE] },
    ({ params }, run) => incidents.runCompensatingAction(run, params.id, params.actionId),
  );
  addRoute(app, deps, { method: 'post', path: '/api/incidents/{id}/slack-channel', tags, summary: 'Create the incident’s Slack channel (needs a Slack bot token on the server; 409 says so when there is none)', params: IncidentRef, status: 200, response: IncidentDetail, errors: [...READ, 409] }, ({ params }, run) =>
    incidents.createSlackChannel(run, params.id),
  );
}
