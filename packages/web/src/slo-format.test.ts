import type { SloStatus } from '@operable/shared';
import { describe, expect, it } from 'vitest';
import { budgetText, durationText, exhaustionHours, headline, percent, rateText, sortSlos, toneOf, windowText } from './slo-format';

const tier = (severity: 'page' | 'ticket', long: number, short: number, factor: number, state: 'firing' | 'ok' | 'no_data', longBurnRate: number | null = null) => ({
  severity,
  longWindowMinutes: long,
  shortWindowMinutes: short,
  factor,
  longBurnRate,
  shortBurnRate: longBurnRate,
  state,
});
const status = (over: Partial<SloStatus> = {}): SloStatus => ({
  at: '2026-03-03T10:00:00Z',
  good: 999_500,
  total: 1_000_000,
  sli: 0.9995,
  budgetRemaining: 0.5,
  burnRate: 0.5,
  tiers: [tier('page', 60, 5, 14.4, 'ok', 0.2), tier('page', 360, 30, 6, 'ok', 0.3), tier('ticket', 4320, 360, 1, 'ok', 0.4)],
  page: 'ok',
  ticket: 'ok',
  ...over,
});

describe('SLO wording', () => {
  it('formats percentages, budgets, rates and windows for people', () => {
    expect([percent(0.999), percent(0.95), percent(0.9995), percent(1)]).toEqual(['99.9 %', '95 %', '99.95 %', '100 %']);
    expect([budgetText(null), budgetText(1), budgetText(0.62), budgetText(0.034), budgetText(-0.4)]).toEqual(['no data', 'all left', '62 % left', '3.4 % left', 'overspent by 40 %']);
    expect([rateText(null), rateText(20), rateText(14.4), rateText(1), rateText(0.2333)]).toEqual(['no data', '20×', '14.4×', '1×', '0.23×']);
    expect([windowText(5), windowText(60), windowText(360), windowText(4320)]).toEqual(['5 min', '1 h', '6 h', '3 d']);
    expect([durationText(0.2), durationText(5.4), durationText(100)]).toEqual(['12 min', '5 h', '4 days']);
  });

  it('leads with the worst: paging, then ticket, then spent, then no data', () => {
    expect(toneOf(status({ page: 'firing', ticket: 'firing' }))).toBe('paging');
    expect(toneOf(status({ ticket: 'firing' }))).toBe('ticket');
    expect(toneOf(status({ budgetRemaining: -0.1 }))).toBe('spent');
    expect(toneOf(status({ total: 0, good: 0, sli: null, budgetRemaining: null, page: 'no_data', ticket: 'no_data' }))).toBe('no_data');
    expect(toneOf(status())).toBe('ok');
    const slos = [
      { name: 'b', status: status() },
      { name: 'a', status: status({ budgetRemaining: 0.1 }) },
      { name: 'quiet', status: status({ total: 0, budgetRemaining: null }) },
      { name: 'fire', status: status({ page: 'firing' }) },
    ];
    expect(sortSlos(slos).map((s) => s.name)).toEqual(['fire', 'quiet', 'a', 'b']);
  });

  it('says when the budget runs out at the firing tier’s rate', () => {
    const burning = { windowDays: 30, objective: 0.999, status: status({ page: 'firing', budgetRemaining: 0.5, tiers: [tier('page', 60, 5, 14.4, 'firing', 20)] }) };
    // 0.5 × 720 h / 20 = 18 h.
    expect(exhaustionHours(burning)).toBe(18);
    expect(headline(burning)).toBe('Burning the error budget at 20× over 1 h; at this rate the budget is gone in 18 h.');
    expect(headline({ windowDays: 30, objective: 0.999, status: status() })).toBe('50 % left of the 30-day error budget; SLI 99.95 % against 99.9 %.');
    expect(headline({ windowDays: 7, objective: 0.99, status: status({ total: 0, sli: null, budgetRemaining: null }) })).toBe('No traffic in the last 7 days: nothing to judge yet.');
  });
});
