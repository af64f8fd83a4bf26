import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './types.js';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().describe('Stable machine-readable code, e.g. validation_failed'),
      message: z.string(),
      details: z
        .object({
          fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
        })
        .catchall(z.unknown())
        .optional(),
    }),
  })
  .openapi('Error');

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `details.fields` names each offending field',
  401: 'Not signed in, or the API key is unknown or revoked',
  403: 'The role does not allow this, or the CSRF token is missing',
  404: 'Not found',
  409: 'Conflicts with the current state (e.g. the name is taken)',
  413: 'Body too large',
  415: 'Body is not application/json',
  429: 'Too many attempts; see Retry-After',
};

export function json<T extends z.ZodType>(schema: T, description: string) {
  return { content: { 'application/json': { schema } }, description };
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { content: { 'application/json': { schema } }, required: true };
}

export function errors(...statuses: (keyof typeof ERROR_DESCRIPTIONS)[]) {
  return Object.fromEntries(statuses.map((s) => [s, json(ErrorSchema, ERROR_DESCRIPTIONS[s]!)]));
}

/** Errors any authenticated JSON route can answer. */
export const COMMON_ERRORS = [400, 401, 403, 413, 415] as const;

export const noContent = { 204: { description: 'Done' } } as const;

export const AUTHENTICATED: Record<string, string[]>[] = [{ session: [] }, { apiKey: [] }];

export function registerSecuritySchemes(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'operable_session',
    description: 'Browser session. Mutations must also send the X-CSRF-Token header from GET /api/auth/session.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key (opk_…) created under API keys',
  });
}
