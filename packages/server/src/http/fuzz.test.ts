import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { fromSchema, hostileString, toJsonText, type Schema } from '../test-support/hostile-json.js';
import { pipelineWorld } from '../test-support/pipeline.js';

/**
 * Every route that takes input, fed hostile JSON shaped like what it expects (its
 * own field names from the OpenAPI document, or a sender's), with NULs, unpaired
 * surrogates, deep nesting, huge numbers and strings: never a 5xx, and the server
 * answers normally afterwards.
 */
const RUNS_PER_ROUTE = 12;

/** Percent-encoded as bytes, a lone surrogate as the three bytes a careless encoder would send. */
const pathSegment = (s: string) =>
  [...s]
    .map((ch) => {
      if (ch.isWellFormed()) return encodeURIComponent(ch);
      const u = ch.charCodeAt(0);
      return [0xe0 | (u >> 12), 0x80 | ((u >> 6) & 63), 0x80 | (u & 63)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    })
    .join('');

const str = { type: 'string' } as const;
const obj = (properties: Record<string, Schema>, required: string[] = []): Schema => ({ type: 'object', properties, required });
const labels: Schema = { type: 'object', additionalProperties: str };
const links: Schema = { type: 'array', items: obj({ href: str, text: str }, ['href']) };

/** What the senders send, by path, written from their documentation. */
function senderSchema(path: string, keys: Record<string, string>): Schema | undefined {
  const payload = obj({ summary: str, source: str, severity: { enum: ['critical', 'error', 'warning', 'info'] }, timestamp: { type: 'string', format: 'date-time' }, component: str, group: str, class: str, custom_details: labels }, ['summary', 'source', 'severity']);
  const amAlert = obj({ status: { enum: ['firing', 'resolved'] }, labels, annotations: labels, startsAt: str, endsAt: str, generatorURL: str, fingerprint: str, values: labels, valueString: str }, ['status', 'labels', 'fingerprint']);
  const schemas: Record<string, Schema> = {
    '/v2/enqueue': obj({ routing_key: { enum: [keys.pagerduty] }, event_action: { enum: ['trigger', 'acknowledge', 'resolve'] }, dedup_key: str, payload, links, client: str, client_url: str }, ['routing_key', 'event_action']),
    '/v2/change/enqueue': obj({ routing_key: { enum: [keys.pagerduty] }, payload, links }, ['routing_key', 'payload']),
    '/v2/alerts': obj({ message: str, alias: str, description: str, priority: { enum: ['P1', 'P2', 'P3', 'P4', 'P5'] }, details: labels, tags: { type: 'array', items: str }, entity: str, source: str, note: str, user: str }, ['message']),
    '/ingest/alertmanager/{key}': obj({ version: { enum: ['4', '1'] }, status: { enum: ['firing', 'resolved'] }, alerts: { type: 'array', items: amAlert }, groupKey: str, receiver: str, commonLabels: labels, externalURL: str, title: str }, ['version', 'status', 'alerts']),
    '/ingest/generic/{key}': obj({ action: { enum: ['trigger', 'acknowledge', 'resolve'] }, dedupKey: str, summary: str, severity: { enum: ['critical', 'error', 'warning', 'info'] }, urgency: { enum: ['high', 'low'] }, source: str, details: labels, links }),
  };
  if (path.startsWith('/v2/alerts/')) return obj({ note: str, user: str, source: str });
  return schemas[path.replace('grafana', 'alertmanager')];
}

describe.each(await databaseKinds())('fuzzing every route on %s', (kind) => {
  let h: Harness;
  let w: World;
  let doc: { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Record<string, unknown> }> } }>> };
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    h = await createHarness(kind);
    w = await createWorld(h);
    for (const k of ['pagerduty', 'alertmanager', 'grafana', 'opsgenie', 'generic', 'heartbeat'] as const) {
      keys[k] = (await pipelineWorld(h, { people: [], steps: [{ delayMinutes: 5 }], integrationKind: k })).key;
    }
    doc = await (await w.admin.request('/api/openapi.json')).json();
  });
  afterAll(() => h.close());

  const routes = () =>
    h.operable.app.openAPIRegistry.definitions.flatMap((d) => (d.type === 'route' && d.route.method !== 'get' ? [{ method: d.route.method.toUpperCase(), path: d.route.path }] : []));

  function bodyFor(path: string, method: string): fc.Arbitrary<unknown> {
    const schema = senderSchema(path, keys) ?? (doc.paths[path]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema as Schema | undefined);
    return fromSchema(schema, { ids: knownIds() });
  }

  const knownIds = () => [w.teamA.id, w.teamB.id, w.serviceA.id, w.serviceB.id, w.admin.id, w.viewer.id, w.responder.id, w.bystander.id];
  const param = (name: string) =>
    name === 'key'
      ? fc.oneof(fc.constantFrom(...Object.values(keys)), hostileString)
      : name === 'eventId'
        ? fc.oneof(fc.constantFrom('ALERT_TRIGGERED', 'HTTP_REQUEST'), hostileString)
        : fc.oneof(fc.constantFrom(...knownIds()), fc.constant(randomUUID()), hostileString);

  it(`never answers 5xx, whatever a route gets (${RUNS_PER_ROUTE} bodies a route)`, async () => {
    const seen: string[] = [];
    for (const route of routes()) {
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      const request = fc.record({ params: fc.tuple(...names.map(param)), body: bodyFor(route.path, route.method), form: fc.boolean() });
      await fc.assert(
        fc.asyncProperty(request, async ({ params, body, form }) => {
          let path = route.path;
          names.forEach((n, i) => (path = path.replace(`{${n}}`, pathSegment(params[i] as string))));
          const text = toJsonText(body);
          const twilio = route.path.startsWith('/ingest/twilio') || route.path.startsWith('/a/');
          const headers: Record<string, string> = {
            'content-type': twilio && form ? 'application/x-www-form-urlencoded' : 'application/json',
            ...(route.path.startsWith('/api/') ? await w.admin.headers('key') : {}),
            ...(route.path.startsWith('/v2/alerts') ? { authorization: `GenieKey ${keys.opsgenie}` } : {}),
          };
          const sent = twilio && form ? new URLSearchParams({ Body: String(JSON.stringify(body)).slice(0, 1000), From: '+15550100' }).toString() : text;
          const res = await h.request(path, { method: route.method, body: route.method === 'DELETE' && !form ? undefined : sent, headers });
          if (res.status >= 500) throw new Error(`${route.method} ${path} answered ${res.status}: ${(await res.text()).slice(0, 300)}\nbody: ${sent.slice(0, 300)}`);
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
      seen.push(`${route.method} ${route.path}`);
    }
    expect(seen.length).toBeGreaterThan(70);
    expect((await h.request('/healthz')).status).toBe(200);
    expect((await w.admin.request('/api/teams')).status).toBe(200);
  }, 300_000);
});
