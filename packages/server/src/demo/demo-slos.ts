import { SloInput } from '@operable/shared';
import { createSlo, listSlos, pushSloEvents } from '../health/index.js';
import { listServices } from '../catalog/index.js';
import type { Ctx } from '../lib/context.js';
import type { DemoPart } from './load-demo.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface DemoSlo {
  service: string;
  input: Omit<SloInput, 'serviceId' | 'source'>;
  /** Requests per minute at the daily peak. */
  peak: number;
  /** Failure share outside incidents. */
  baseline: number;
  /** Stretches of trouble: hours ago they started, how long, the failure share meanwhile. */
  incidents: { hoursAgo: number; hours: number; bad: number }[];
}

/**
 * SLOs with a month of pushed history, so the SLO pages have budgets and charts on
 * first start: checkout had an incident last week, the gateway and payments smaller
 * ones since. Nothing burns now, so a fresh demo raises no alerts by itself.
 */
const DEMO_SLOS: DemoSlo[] = [
  {
    service: 'checkout-api',
    input: { name: 'Checkout availability', description: 'Customers can complete a checkout without a server error.', kind: 'availability', objective: 0.999, windowDays: 30 },
    peak: 900,
    baseline: 0.0002,
    incidents: [{ hoursAgo: 7 * 24 + 5, hours: 3, bad: 0.04 }],
  },
  {
    service: 'checkout-api',
    input: { name: 'Checkout latency', description: 'Checkout requests answer within 300 ms.', kind: 'latency', objective: 0.99, windowDays: 28, latencyThresholdMs: 300 },
    peak: 900,
    baseline: 0.004,
    incidents: [],
  },
  {
    service: 'api-gateway',
    input: { name: 'Gateway availability', description: 'Requests through the gateway that do not fail with a 5xx.', kind: 'availability', objective: 0.9995, windowDays: 30 },
    peak: 3000,
    baseline: 0.0001,
    incidents: [{ hoursAgo: 30, hours: 2, bad: 0.004 }],
  },
  {
    service: 'payment-processor',
    input: { name: 'Payment success', description: 'Payment attempts that reach the provider and get an answer.', kind: 'availability', objective: 0.999, windowDays: 7 },
    peak: 200,
    baseline: 0.0003,
    incidents: [{ hoursAgo: 40, hours: 1, bad: 0.02 }],
  },
];

/** A small deterministic generator: the same demo every time. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** 15-minute buckets for the month, per minute for the last 6 hours (what the short windows read). */
function history(slo: DemoSlo, now: number, seed: number) {
  const rand = random(seed);
  const end = Math.floor(now / MINUTE) * MINUTE;
  const fine = end - 6 * HOUR;
  const buckets: { start: string; good: number; total: number }[] = [];
  for (let t = Math.ceil((end - 30 * DAY + MINUTE) / (15 * MINUTE)) * 15 * MINUTE; t < end; ) {
    const step = t < fine ? 15 * MINUTE : MINUTE;
    const hour = new Date(t).getUTCHours();
    const daily = 0.35 + 0.65 * Math.max(0, Math.sin(((hour - 6) / 24) * 2 * Math.PI));
    const total = Math.round(slo.peak * daily * (0.9 + 0.2 * rand()) * (step / MINUTE));
    const incident = slo.incidents.find((i) => t >= now - i.hoursAgo * HOUR && t < now - (i.hoursAgo - i.hours) * HOUR);
    const share = (incident?.bad ?? slo.baseline) * (0.5 + rand());
    buckets.push({ start: new Date(t).toISOString(), total, good: total - Math.min(total, Math.round(total * share)) });
    t += step;
  }
  return buckets;
}

export async function loadDemoSlos(ctx: Ctx, part: DemoPart): Promise<void> {
  const services = new Map((await listServices(ctx)).map((s) => [s.name.toLowerCase(), s.id]));
  const existing = new Set((await listSlos(ctx)).map((s) => `${s.serviceId}/${s.name.toLowerCase()}`));
  for (const [i, slo] of DEMO_SLOS.entries()) {
    const serviceId = services.get(slo.service);
    if (!serviceId || existing.has(`${serviceId}/${slo.input.name.toLowerCase()}`)) {
      part.skipped.push(slo.input.name);
      continue;
    }
    const created = await createSlo(ctx, SloInput.parse({ ...slo.input, serviceId, source: { type: 'push' } }));
    const buckets = history(slo, ctx.clock.now().getTime(), 42 + i);
    for (let j = 0; j < buckets.length; j += 1440) await pushSloEvents(ctx, created.id, { buckets: buckets.slice(j, j + 1440) });
    part.created.push(slo.input.name);
  }
}
