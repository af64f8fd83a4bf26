import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logColumns } from './trigger-repository.js';

const ids = ['a1', 'a2', 'a3', 'a4'];
const details = fc.oneof(fc.constant(null), fc.constant(undefined), fc.record({ urgency: fc.constantFrom('high', 'low'), leaderId: fc.constantFrom(...ids) }), fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }));
const row = fc.record({ alertId: fc.constantFrom(...ids), event: fc.constantFrom('triggered', 'suppressed'), actor: fc.constant('integration:x'), details });

describe('the log columns of a trigger batch', () => {
  it('say, row for row, which alert and what details, as the rows themselves do', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (log) => {
        const alerts = ids.map((id) => ({ id }));
        const c = logColumns({ alerts, log });
        // The reference: each row read back through the positions and the shared list.
        const decoded = log.map((_, i) => ({
          alertId: alerts[c.alerts[i]! - 1]!.id,
          details: c.detailsOf[i] === null ? null : c.details[c.detailsOf[i]! - 1]!,
        }));
        expect(decoded).toEqual(log.map((l) => ({ alertId: l.alertId, details: l.details == null ? null : JSON.stringify(l.details) })));
        // Shared: no details text is sent twice.
        expect(new Set(c.details).size).toBe(c.details.length);
      }),
    );
  });

  it('refuses a row about an alert the batch does not write', () => {
    expect(() => logColumns({ alerts: [{ id: 'a1' }], log: [{ alertId: 'zz', event: 'triggered', actor: 'x', details: null }] })).toThrow(/does not write/);
  });
});
