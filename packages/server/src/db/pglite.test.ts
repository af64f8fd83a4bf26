import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPglite } from './pglite.js';

describe('the embedded database on disk', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'operable-pglite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is initialized by a child process, opened with bounded buffers, and keeps its data', async () => {
    const dataDir = path.join(dir, 'data');
    const first = await createPglite(dataDir);
    try {
      expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
      expect((await first.query<{ shared_buffers: string }>('show shared_buffers')).rows[0]!.shared_buffers).toBe('16MB');
      await first.exec("create table kept (v text); insert into kept values ('still here')");
    } finally {
      await first.close();
    }
    const again = await createPglite(dataDir);
    try {
      expect((await again.query<{ v: string }>('select v from kept')).rows).toEqual([{ v: 'still here' }]);
    } finally {
      await again.close();
    }
  });

  it('fails with the reason when the directory cannot be made', async () => {
    const file = path.join(dir, 'not-a-directory');
    await (await import('node:fs/promises')).writeFile(file, '');
    await expect(createPglite(path.join(file, 'data'))).rejects.toThrow(/ENOTDIR/);
  });
});
