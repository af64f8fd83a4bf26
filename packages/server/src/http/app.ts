import { OpenAPIHono } from '@hono/zod-openapi';
import { ErrorCode } from '@operable/shared';
import { getPath } from 'hono/utils/url';
import { errorBody, fieldIssues, onError, sendError } from './errors.js';
import { authenticate, csrf, limitBody, requestContext, requireDeclaredBody, requireJsonBody } from './middleware.js';
import { registerSecuritySchemes } from './openapi.js';
import { refuseUnstorableInput } from './safe-input.js';
import { securityHeaders } from './security-headers.js';
import { RateLimiter } from '../ingest/index.js';
import { createIngestQueue, INGEST_BODY_LIMIT, isSenderPath, senderPath, tooLargeForSender, unavailableForSender } from './ingest-support.js';
import { isDatabaseUnavailable } from '../db/index.js';
import { registerAdminRoutes } from './routes/admin.js';
import { registerActionRoutes } from './routes/actions.js';
import { registerAlertRoutes } from './routes/alerts.js';
import { registerContactRoutes } from './routes/contacts.js';
import { registerEscalationRoutes } from './routes/escalation.js';
import { registerMaintenanceRoutes } from './routes/maintenance.js';
import { registerCheckRoutes } from './routes/checks.js';
import { registerOpsgenieRoutes } from './routes/ingest-opsgenie.js';
import { registerPagerDutyRoutes } from './routes/ingest-pagerduty.js';
import { registerWebhookRoutes } from './routes/ingest-webhooks.js';
import { registerApiKeyRoutes } from './routes/api-keys.js';
import { registerAuthRoutes } from './routes/auth.js';
import { registerOpsRoutes } from './routes/ops.js';
import { registerOnCallRoutes } from './routes/oncall.js';
import { registerScheduleRoutes } from './routes/schedules.js';
import { registerHandoffRoutes } from './routes/handoffs.js';
import { registerCalendarRoutes } from './routes/calendar.js';
import { registerFairnessRoutes } from './routes/fairness.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerRecoveryRoutes } from './routes/recovery.js';
import { registerReplayRoutes } from './routes/replay.js';
import { registerIncidentRoutes } from './routes/incidents.js';
import { registerIncidentSettingsRoutes } from './routes/incident-settings.js';
import { registerPostmortemRoutes } from './routes/postmortems.js';
import { registerServiceRoutes } from './routes/services.js';
import { registerSloRoutes } from './routes/slos.js';
import { registerTeamRoutes } from './routes/teams.js';
import { registerUserRoutes } from './routes/users.js';
import { registerStatuspageRoutes } from './routes/statuspage.js';
import { registerStatuspageSubscriberRoutes } from './routes/statuspage-subscribers.js';
import { registerStatuspageForms } from './statuspage-forms.js';
import { statuspagePublic } from './statuspage-public.js';
import { registerPagingPreviewRoutes } from './routes/paging-preview.js';
import { registerSetupRoutes } from './routes/setup.js';
import { DEFAULT_WEB_DIR, serveWeb } from './static.js';
import type { AppDeps, AppEnv } from './types.js';

export const OPENAPI_PATH = '/api/openapi.json';

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({
    getPath: (request) => senderPath(getPath(request)),
    // Validation failures name every offending field, whichever part of the request it was in.
    defaultHook: (result, c) => {
      if (result.success) return;
      const where = result.target === 'json' ? undefined : result.target === 'param' ? 'path' : result.target;
      const fields = fieldIssues(result.error, where);
      return c.json(errorBody(ErrorCode.ValidationFailed, `Invalid ${fields.map((f) => f.field).join(', ')}`, { fields }), 400);
    },
  });

  // The public status page and its feeds and JSON: first, so they skip the API's middleware.
  app.use('*', statuspagePublic(deps));
  app.use('*', securityHeaders(deps.settings.publicUrl));
  app.use('*', requestContext(deps));
  app.use(
    '/api/*',
    limitBody(deps.config.apiBodyLimit, (c) => sendError(c, ErrorCode.PayloadTooLarge, `Request body is larger than ${deps.config.apiBodyLimit} bytes`)),
  );
  app.use('/api/*', requireJsonBody());
  app.use('/api/*', refuseUnstorableInput());
  app.use('/api/*', authenticate(deps));
  app.use('/api/*', csrf());
  const bodyRoutes = new Set<string>(); // filled from the registry once the routes are registered
  app.use('/api/*', requireDeclaredBody((method, path) => bodyRoutes.has(`${method} ${path}`)));

  registerSecuritySchemes(app);
  registerOpsRoutes(app, deps);
  registerAuthRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerTeamRoutes(app, deps);
  registerServiceRoutes(app, deps);
  registerApiKeyRoutes(app, deps);
  registerAdminRoutes(app, deps);
  registerAlertRoutes(app, deps);
  registerEscalationRoutes(app, deps);
  registerMaintenanceRoutes(app, deps);
  registerCheckRoutes(app, deps);
  registerContactRoutes(app, deps);
  registerScheduleRoutes(app, deps);
  registerHandoffRoutes(app, deps);
  registerOnCallRoutes(app, deps);
  registerCalendarRoutes(app, deps);
  registerReplayRoutes(app, deps);
  registerFairnessRoutes(app, deps);
  registerRecoveryRoutes(app, deps);
  registerSloRoutes(app, deps);
  registerIncidentRoutes(app, deps);
  registerIncidentSettingsRoutes(app, deps);
  registerPostmortemRoutes(app, deps);
  registerStatuspageRoutes(app, deps);
  registerStatuspageSubscriberRoutes(app, deps);
  registerStatuspageForms(app, deps);
  // Responder UI: paging preview and the admin setup check.
  registerPagingPreviewRoutes(app, deps);
  registerSetupRoutes(app, deps);
  registerHealthRoutes(app, deps);
  // Sender-facing routes: authenticated by integration key, answering in each sender's own format.
  for (const path of ['/v2/*', '/ingest/*']) {
    app.use(path, limitBody(INGEST_BODY_LIMIT, tooLargeForSender));
  }
  const limiter = new RateLimiter();
  const queue = createIngestQueue(deps);
  registerPagerDutyRoutes(app, deps, limiter, queue);
  registerOpsgenieRoutes(app, deps, limiter, queue);
  registerWebhookRoutes(app, deps, limiter, queue);
  registerActionRoutes(app, deps);
  for (const d of app.openAPIRegistry.definitions) {
    if (d.type === 'route' && d.route.request?.body?.required) {
      bodyRoutes.add(`${d.route.method.toUpperCase()} ${d.route.path.replace(/\{(\w+)\}/g, ':$1')}`);
    }
  }

  app.doc31(OPENAPI_PATH, {
    openapi: '3.1.0',
    info: {
      title: 'Operable API',
      version: '0.1.0',
      description: 'Errors are `{"error":{"code","message","details"}}`; while the database is out of reach, 503 with code `unavailable` and `Retry-After`. Authenticate with the session cookie (plus X-CSRF-Token on mutations) or `Authorization: Bearer <API key>`.',
    },
    servers: [{ url: deps.settings.publicUrl }],
  });

  app.use('*', serveWeb(deps.config.webDir ?? DEFAULT_WEB_DIR));
  app.notFound((c) => sendError(c, ErrorCode.NotFound, `No route for ${c.req.method} ${c.req.path}`));
  app.onError((error, c) => (isDatabaseUnavailable(error) && isSenderPath(c.req.path) ? unavailableForSender(c, error) : onError(error, c)));
  return app;
}
export type App = ReturnType<typeof createApp>;
