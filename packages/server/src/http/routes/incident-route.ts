import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { z } from 'zod';
import type { Ctx } from '../../lib/context.js';
import { AUTHENTICATED, errors, json, jsonBody, noContent } from '../openapi.js';
import { runVerb } from '../run.js';
import type { AppDeps, AppEnv } from '../types.js';

/**
 * A compact way to declare the many incident routes: schemas for path, query and
 * body, one status, and a handler that gets the validated input inside runVerb's
 * transaction (or, with `transactions: 'own'`, a runner to make its own, for verbs
 * that call out between two transactions).
 */
type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;
export type Run = <T>(verb: (ctx: Ctx) => Promise<T>) => Promise<T>;

interface Def<P, Q, B> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  tags: string[];
  summary: string;
  params?: P;
  query?: Q;
  body?: B;
  status: 200 | 201 | 204;
  response?: Schema;
  errors: (400 | 401 | 403 | 404 | 409 | 413 | 415)[];
}

export function addRoute<P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined>(
  app: OpenAPIHono<AppEnv>,
  deps: AppDeps,
  def: Def<P, Q, B>,
  handler: (input: { params: Out<P>; query: Out<Q>; body: Out<B> }, run: Run, c: Context<AppEnv>) => Promise<unknown>,
) {
  const route = createRoute({
    method: def.method,
    path: def.path,
    tags: def.tags,
    security: AUTHENTICATED,
    summary: def.summary,
    request: {
      ...(def.params ? { params: def.params as never } : {}),
      ...(def.query ? { query: def.query as never } : {}),
      ...(def.body ? { body: jsonBody(def.body) } : {}),
    },
    responses: {
      ...(def.status === 204 ? noContent : { [def.status]: json(def.response!, 'Done') }),
      ...errors(...def.errors),
    },
  });
  app.openapi(route, (async (c: Context<AppEnv>) => {
    const v = c.req as unknown as { valid(target: string): unknown };
    const input = {
      params: (def.params ? v.valid('param') : {}) as Out<P>,
      query: (def.query ? v.valid('query') : {}) as Out<Q>,
      body: (def.body ? v.valid('json') : {}) as Out<B>,
    };
    const run: Run = (verb) => runVerb(c, deps, verb);
    const result = await handler(input, run, c);
    if (def.status === 204) return c.body(null, 204);
    return c.json(result as object, def.status);
  }) as never);
}
