import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, type Database } from '../db/index.js';
import { FakeClock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { createEngine, type EngineModule } from './index.js';

function engineWith(modules: EngineModule[]) {
  const events: { id: string; fields?: Record<string, unknown> }[] = [];
  const log: Logger = { event: (id, fields) => void events.push({ id, fields }), child: () => log };
  const engine = createEngine({
    database: {} as Database,
    clock: new FakeClock('2026-03-03T10:00:00Z'),
    log,
    settings: { publicUrl: 'http://operable.test', secret: 's'.repeat(40), sessionHours: 1, signInLimits: { perAccount: 1, perAddress: 1, windowMinutes: 15 } },
    channels: { ntfy: { baseUrl: 'http://ntfy.test' } },
    modules,
  });
  return { engine, events };
}

describe('engine rounds', () => {
  it('a module that loses the database logs it and runs again next round, even one of slow cadence', async () => {
    const ticks: string[] = [];
    let down = true;
    const slow: EngineModule = {
      name: 'slow',
      everyMs: 60_000,
      async tick() {
        ticks.push('slow');
        if (down) throw new DatabaseUnavailableError(Object.assign(new Error('Connection terminated unexpectedly')));
        return 0;
      },
    };
    const after: EngineModule = { name: 'after', tick: async () => (ticks.push('after'), 0) };
    const { engine, events } = engineWith([slow, after]);

    await engine.runOnce();
    expect(ticks).toEqual(['slow', 'after']); // the others still run
    expect(events.map((e) => e.id)).toEqual(['DB_UNAVAILABLE']);
    expect(events[0]!.fields).toMatchObject({ module: 'slow', reason: 'Connection terminated unexpectedly' });

    down = false;
    await engine.runOnce(); // no time has passed: a slow module that worked would wait its minute
    expect(ticks).toEqual(['slow', 'after', 'slow', 'after']);
    await engine.runOnce();
    expect(ticks).toEqual(['slow', 'after', 'slow', 'after', 'after']);
  });

  it('any other failure is a module failure with its stack', async () => {
    const { engine, events } = engineWith([{ name: 'buggy', tick: async () => Promise.reject(new TypeError('oops')) }]);
    await engine.runOnce();
    expect(events).toEqual([{ id: 'ENGINE_MODULE_FAILED', fields: { module: 'buggy', err: { message: 'oops', stack: expect.any(String) } } }]);
  });

  it('a round may skip modules with nothing due, but not those after a module that did work', async () => {
    const ticks: string[] = [];
    const module = (name: string, handled: number): EngineModule => ({ name, tick: async () => (ticks.push(name), handled) });
    const { engine } = engineWith([module('first', 0), module('busy', 2), module('after', 0), module('last', 0)]);
    const skip = new Set(['first', 'after', 'last']);
    expect(await engine.runOnce((name) => skip.has(name))).toBe(2);
    expect(ticks).toEqual(['busy', 'after', 'last']);
    ticks.length = 0;
    skip.add('busy');
    expect(await engine.runOnce((name) => skip.has(name))).toBe(0);
    expect(ticks).toEqual([]);
  });
});
