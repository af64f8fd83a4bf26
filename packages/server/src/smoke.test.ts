import { describe, expect, it } from 'vitest';
import { createHarness } from './test-support/harness.js';

describe('smoke', () => {
  it('starts, bootstraps an admin and serves openapi', async () => {
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const h = await createHarness('pglite');
      console.log('harness ms', performance.now() - t0);
      expect(h.operable.firstAdmin?.url).toMatch(/reset-password\?token=/);
      const res = await h.request('/api/openapi.json');
      expect(res.status).toBe(200);
      await h.close();
    }
  }, 60000);
});
