import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  AnswerCheckin,
  CommandRedaction,
  CommandRedactionInput,
  CommandRedactionList,
  CompensatingActionInput,
  CompensatingActionList,
  CreatedCompensatingAction,
  CreatedSubscriber,
  IdParam,
  IncidentRef,
  IncidentSubscriberList,
  SeverityDefinition,
  SeverityDefinitionList,
  SeverityParam,
  SubscribeInput,
  UpdateSeverityDefinition,
  UpdateTemplate,
  UpdateTemplateInput,
  UpdateTemplateList,
  WellbeingCheckin,
  WellbeingCheckinList,
  WellbeingTrend,
  WellbeingTrendQuery,
} from '@operable/shared';
import * as incidents from '../../incidents/index.js';
import type { AppDeps, AppEnv } from '../types.js';
import { addRoute } from './incident-route.js';

const WRITE = [400, 401, 403, 404, 409, 413, 415] as const;
const READ = [400, 401, 403, 404] as const;

/** What surrounds incidents: severities, templates, redactions, subscribers, compensating actions, wellbeing. */
export function registerIncidentSettingsRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  const tags = ['Incident settings'];
  addRoute(app, deps, { method: 'get', path: '/api/incident-severities', tags, summary: 'What SEV1–SEV4 mean here, with the default time to the next update', status: 200, response: SeverityDefinitionList, errors: [401, 403] }, async (_i, run) => ({
    items: await run((ctx) => incidents.listSeverities(ctx)),
  }));
  addRoute(app, deps, { method: 'patch', path: '/api/incident-severities/{level}', tags, summary: 'Edit a severity’s wording or default next-update time (admins)', params: SeverityParam, body: UpdateSeverityDefinition, status: 200, response: SeverityDefinition, errors: [...WRITE] }, ({ params, body }, run) =>
    run((ctx) => incidents.updateSeverity(ctx, params.level, body)),
  );

  addRoute(app, deps, { method: 'get', path: '/api/incident-templates', tags, summary: 'Status update templates', status: 200, response: UpdateTemplateList, errors: [401, 403] }, async (_i, run) => ({
    items: await run((ctx) => incidents.listTemplates(ctx)),
  }));
  addRoute(app, deps, { method: 'post', path: '/api/incident-templates', tags, summary: 'Add a status update template (admins)', body: UpdateTemplateInput, status: 201, response: UpdateTemplate, errors: [...WRITE] }, ({ body }, run) =>
    run((ctx) => incidents.createTemplate(ctx, body)),
  );
  addRoute(app, deps, { method: 'put', path: '/api/incident-templates/{id}', tags, summary: 'Replace a template (admins)', params: IdParam, body: UpdateTemplateInput, status: 200, response: UpdateTemplate, errors: [...WRITE] }, ({ params, body }, run) =>
    run((ctx) => incidents.updateTemplate(ctx, params.id, body)),
  );
  addRoute(app, deps, { method: 'delete', path: '/api/incident-templates/{id}', tags, summary: 'Delete a template (admins)', params: IdParam, status: 204, errors: [...READ] }, ({ params }, run) => run((ctx) => incidents.deleteTemplate(ctx, params.id)));

  addRoute(app, deps, { method: 'get', path: '/api/incident-redactions', tags, summary: 'Patterns redacted from recorded commands (admins)', status: 200, response: CommandRedactionList, errors: [401, 403] }, async (_i, run) => ({
    items: await run((ctx) => incidents.listRedactions(ctx)),
  }));
  addRoute(app, deps, { method: 'post', path: '/api/incident-redactions', tags, summary: 'Add a redaction pattern (a JavaScript regular expression; admins)', body: CommandRedactionInput, status: 201, response: CommandRedaction, errors: [...WRITE] }, ({ body }, run) =>
    run((ctx) => incidents.addRedaction(ctx, body)),
  );
  addRoute(app, deps, { method: 'delete', path: '/api/incident-redactions/{id}', tags, summary: 'Remove a redaction pattern (admins)', params: IdParam, status: 204, errors: [...READ] }, ({ params }, run) => run((ctx) => incidents.deleteRedaction(ctx, params.id)));

  const subTags = ['Incident subscribers'];
  addRoute(app, deps, { method: 'get', path: '/api/incidents/{id}/subscribers', tags: subTags, summary: 'Who follows this incident (URLs shown by host only)', params: IncidentRef, status: 200, response: IncidentSubscriberList, errors: [...READ] }, async ({ params }, run) => ({
    items: await run((ctx) => incidents.listSubscribers(ctx, params.id)),
  }));
  addRoute(app, deps, { method: 'post', path: '/api/incidents/{id}/subscribers', tags: subTags, summary: 'Follow this incident’s updates by email, webhook or Slack (never a page); a webhook’s secret is shown once', params: IncidentRef, body: SubscribeInput, status: 201, response: CreatedSubscriber, errors: [...WRITE] }, ({ params, body }, run) =>
    run((ctx) => incidents.subscribe(ctx, { incidentRef: params.id }, body)),
  );
  addRoute(app, deps, { method: 'post', path: '/api/services/{id}/incident-subscribers', tags: subTags, summary: 'Follow every incident of a service', params: IdParam, body: SubscribeInput, status: 201, response: CreatedSubscriber, errors: [...WRITE] }, ({ params, body }, run) =>
    run((ctx) => incidents.subscribe(ctx, { serviceId: params.id }, body)),
  );
  addRoute(app, deps, { method: 'delete', path: '/api/incident-subscribers/{id}', tags: subTags, summary: 'Stop following (who subscribed, or an admin)', params: IdParam, status: 204, errors: [...READ] }, ({ params }, run) => run((ctx) => incidents.unsubscribe(ctx, params.id)));

  const actionTags = ['Compensating actions'];
  addRoute(app, deps, { method: 'get', path: '/api/services/{id}/compensating-actions', tags: actionTags, summary: 'A service’s compensating actions (webhook URLs by host only)', params: IdParam, status: 200, response: CompensatingActionList, errors: [...READ] }, async ({ params }, run) => ({
    items: await run((ctx) => incidents.listServiceActions(ctx, params.id)),
  }));
  addRoute(app, deps, { method: 'post', path: '/api/services/{id}/compensating-actions', tags: actionTags, summary: 'Define a compensating action: a link, or a webhook called signed (its secret shown once)', params: IdParam, body: CompensatingActionInput, status: 201, response: CreatedCompensatingAction, errors: [...WRITE] }, ({ params, body }, run) =>
    run((ctx) => incidents.createAction(ctx, params.id, body)),
  );
  addRoute(app, deps, { method: 'delete', path: '/api/compensating-actions/{id}', tags: actionTags, summary: 'Remove a compensating action', params: IdParam, status: 204, errors: [...READ] }, ({ params }, run) => run((ctx) => incidents.deleteAction(ctx, params.id)));

  const wbTags = ['Wellbeing'];
  addRoute(app, deps, { method: 'get', path: '/api/me/wellbeing-checkins', tags: wbTags, summary: 'My check-ins after incidents', status: 200, response: WellbeingCheckinList, errors: [401, 403] }, async (_i, run) => ({
    items: await run((ctx) => incidents.listMyCheckins(ctx)),
  }));
  addRoute(app, deps, { method: 'post', path: '/api/wellbeing-checkins/{id}', tags: wbTags, summary: 'Answer my check-in (stress 1–5, sleep lost, comment; optionally anonymous)', params: IdParam, body: AnswerCheckin, status: 200, response: WellbeingCheckin, errors: [...WRITE] }, ({ params, body }, run) =>
    run((ctx) => incidents.answerCheckin(ctx, params.id, body)),
  );
  addRoute(app, deps, { method: 'get', path: '/api/teams/{id}/wellbeing', tags: wbTags, summary: 'The team’s weekly wellbeing trend (anonymous answers only counted; members and admins)', params: IdParam, query: WellbeingTrendQuery, status: 200, response: WellbeingTrend, errors: [...READ] }, ({ params, query }, run) =>
    run((ctx) => incidents.wellbeingTrend(ctx, params.id, query.weeks)),
  );
}
