import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  ActionItem,
  ActionItemInput,
  ActionItemList,
  ActionItemParam,
  ActionItemPatch,
  ActionItemQuery,
  ChangeState,
  CompleteFollowUp,
  CreatePostmortem,
  DeadlinePolicies,
  ExportQuery,
  FollowUpParam,
  IdParam,
  Postmortem,
  PostmortemList,
  PostmortemQuery,
  PostmortemSection,
  RecordMeeting,
  SaveSection,
  SectionParam,
  SectionRevisionList,
  TimelineNote,
  TimelineNoteParam,
  UpdatePostmortem,
} from '@operable/shared';
import * as pm from '../../postmortems/index.js';
import { AUTHENTICATED, COMMON_ERRORS, errors, json, jsonBody, noContent } from '../openapi.js';
import { runVerb } from '../run.js';
import type { AppDeps, AppEnv } from '../types.js';

const tags = ['Post-mortems'];
const security = AUTHENTICATED;
const WRITE = [...COMMON_ERRORS, 404] as const;
const READ = [400, 401, 403, 404] as const;

export function registerPostmortemRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  const route = <R extends Parameters<typeof createRoute>[0]>(r: R) => createRoute({ tags, security, ...r });

  app.openapi(
    route({
      method: 'get',
      path: '/api/postmortems',
      summary: 'Post-mortems and the library: full-text search, filters by service, severity, tag, state, dates; what is late',
      request: { query: PostmortemQuery },
      responses: { 200: json(PostmortemList, 'Post-mortems, best match first for a search, else newest incident first'), ...errors(400, 401, 403) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json({ items: await runVerb(c, deps, (ctx) => pm.listPostmortems(ctx, q)) }, 200);
    },
  );

  app.openapi(
    route({
      method: 'post',
      path: '/api/postmortems',
      summary: 'Start the post-mortem of a resolved incident (SEV1-2 get one automatically); the draft comes from its timeline',
      request: { body: jsonBody(CreatePostmortem) },
      responses: { 201: json(Postmortem, 'Created'), ...errors(...COMMON_ERRORS, 409) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => pm.createPostmortem(ctx, input)), 201);
    },
  );

  app.openapi(
    route({ method: 'get', path: '/api/postmortems/{id}', summary: 'One post-mortem: sections with blame hints, timeline, action items, follow-ups', request: { params: IdParam }, responses: { 200: json(Postmortem, 'The post-mortem'), ...errors(...READ) } }),
    async (c) => c.json(await runVerb(c, deps, (ctx) => pm.getPostmortem(ctx, c.req.valid('param').id)), 200),
  );

  app.openapi(
    route({
      method: 'patch',
      path: '/api/postmortems/{id}',
      summary: 'Change title, roles (owner, facilitator, note-taker), tags, meeting time, interviews done, meeting notes',
      request: { params: IdParam, body: jsonBody(UpdatePostmortem) },
      responses: { 200: json(Postmortem, 'Updated'), ...errors(...WRITE) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => pm.updatePostmortem(ctx, c.req.valid('param').id, input)), 200);
    },
  );

  app.openapi(
    route({
      method: 'put',
      path: '/api/postmortems/{id}/sections/{key}',
      summary: 'Save a section (markdown); 409 when someone saved it since baseRevision',
      request: { params: SectionParam, body: jsonBody(SaveSection) },
      responses: { 200: json(PostmortemSection, 'Saved'), ...errors(...WRITE, 409) },
    }),
    async (c) => {
      const { id, key } = c.req.valid('param');
      const input = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => pm.saveSection(ctx, id, key, input)), 200);
    },
  );

  app.openapi(
    route({ method: 'get', path: '/api/postmortems/{id}/sections/{key}/revisions', summary: 'Revision history of a section', request: { params: SectionParam }, responses: { 200: json(SectionRevisionList, 'Newest first'), ...errors(...READ) } }),
    async (c) => {
      const { id, key } = c.req.valid('param');
      return c.json({ items: await runVerb(c, deps, (ctx) => pm.listRevisions(ctx, id, key)) }, 200);
    },
  );

  app.openapi(
    route({
      method: 'post',
      path: '/api/postmortems/{id}/state',
      summary: 'Move along draft → in review → reviewed → closed (or one step back)',
      request: { params: IdParam, body: jsonBody(ChangeState) },
      responses: { 200: json(Postmortem, 'Moved'), ...errors(...WRITE, 409) },
    }),
    async (c) => {
      const { state } = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => pm.changeState(ctx, c.req.valid('param').id, state)), 200);
    },
  );

  app.openapi(
    route({
      method: 'post',
      path: '/api/postmortems/{id}/meeting',
      summary: 'Record the review meeting as held: the post-mortem is reviewed and the 30-day follow-up is scheduled',
      request: { params: IdParam, body: jsonBody(RecordMeeting) },
      responses: { 200: json(Postmortem, 'Recorded'), ...errors(...WRITE, 409) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => pm.recordMeeting(ctx, c.req.valid('param').id, input)), 200);
    },
  );

  app.openapi(
    route({
      method: 'put',
      path: '/api/postmortems/{id}/timeline/{entryId}/note',
      summary: 'The meeting note for one timeline entry ("what did you see, what did you think")',
      request: { params: TimelineNoteParam, body: jsonBody(TimelineNote) },
      responses: { ...noContent, ...errors(...WRITE) },
    }),
    async (c) => {
      const { id, entryId } = c.req.valid('param');
      const { note } = c.req.valid('json');
      await runVerb(c, deps, (ctx) => pm.setTimelineNote(ctx, id, entryId, note));
      return c.body(null, 204);
    },
  );

  app.openapi(
    route({ method: 'post', path: '/api/postmortems/{id}/action-items', summary: 'Add an action item', request: { params: IdParam, body: jsonBody(ActionItemInput) }, responses: { 201: json(ActionItem, 'Created'), ...errors(...WRITE) } }),
    async (c) => {
      const input = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => pm.createActionItem(ctx, c.req.valid('param').id, input)), 201);
    },
  );

  app.openapi(
    route({ method: 'patch', path: '/api/postmortems/{id}/action-items/{itemId}', summary: 'Change an action item', request: { params: ActionItemParam, body: jsonBody(ActionItemPatch) }, responses: { 200: json(ActionItem, 'Updated'), ...errors(...WRITE) } }),
    async (c) => {
      const { id, itemId } = c.req.valid('param');
      const patch = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => pm.updateActionItem(ctx, id, itemId, patch)), 200);
    },
  );

  app.openapi(
    route({ method: 'delete', path: '/api/postmortems/{id}/action-items/{itemId}', summary: 'Remove an action item', request: { params: ActionItemParam }, responses: { ...noContent, ...errors(...READ) } }),
    async (c) => {
      const { id, itemId } = c.req.valid('param');
      await runVerb(c, deps, (ctx) => pm.deleteActionItem(ctx, id, itemId));
      return c.body(null, 204);
    },
  );

  app.openapi(
    route({
      method: 'post',
      path: '/api/postmortems/{id}/follow-ups/{followUpId}/complete',
      summary: 'Record the 30-day follow-up review: keep, close or re-plan each action item',
      request: { params: FollowUpParam, body: jsonBody(CompleteFollowUp) },
      responses: { 200: json(Postmortem, 'Recorded'), ...errors(...WRITE, 409) },
    }),
    async (c) => {
      const { id, followUpId } = c.req.valid('param');
      const input = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => pm.completeFollowUp(ctx, id, followUpId, input)), 200);
    },
  );

  app.openapi(
    route({
      method: 'get',
      path: '/api/postmortems/{id}/export',
      summary: 'Download as Markdown or as a standalone HTML page',
      request: { params: IdParam, query: ExportQuery },
      responses: {
        200: { description: 'The document', content: { 'text/markdown': { schema: z.string() }, 'text/html': { schema: z.string() } } },
        ...errors(...READ),
      },
    }),
    async (c) => {
      const { format } = c.req.valid('query');
      const file = await runVerb(c, deps, (ctx) => pm.exportPostmortem(ctx, c.req.valid('param').id, format));
      // An attachment, so the HTML never renders inside the app's origin.
      return c.body(file.body, 200, { 'Content-Type': file.contentType, 'Content-Disposition': `attachment; filename="${file.filename}"` });
    },
  );

  app.openapi(
    route({ method: 'get', path: '/api/postmortem-action-items', summary: 'Open action items across post-mortems (a team’s, a person’s, or only the overdue)', request: { query: ActionItemQuery }, responses: { 200: json(ActionItemList, 'Open items, soonest due first'), ...errors(400, 401, 403) } }),
    async (c) => c.json({ items: await runVerb(c, deps, (ctx) => pm.listOpenActionItems(ctx, c.req.valid('query'))) }, 200),
  );

  app.openapi(
    route({ method: 'get', path: '/api/postmortem-settings/deadlines', summary: 'Deadlines per severity', responses: { 200: json(DeadlinePolicies, 'Hours after resolution'), ...errors(401, 403) } }),
    async (c) => c.json(await runVerb(c, deps, (ctx) => pm.getDeadlinePolicies(ctx)), 200),
  );

  app.openapi(
    route({
      method: 'put',
      path: '/api/postmortem-settings/deadlines',
      summary: 'Set deadlines per severity (admins); post-mortems made afterwards use them',
      request: { body: jsonBody(DeadlinePolicies) },
      responses: { 200: json(DeadlinePolicies, 'Saved'), ...errors(...COMMON_ERRORS) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => pm.setDeadlinePolicies(ctx, input)), 200);
    },
  );
}
