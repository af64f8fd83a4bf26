import { it } from 'vitest';
import { createHarness } from '../test-support/harness.js';
import { databaseKinds } from '../test-support/databases.js';

it('explore', async () => {
  console.log('kinds', await databaseKinds());
  const h = await createHarness('pglite');
  const doc = await (await h.request('/api/openapi.json')).json();
  for (const [p, ops] of Object.entries<any>(doc.paths)) console.log(p, Object.keys(ops).join(','));
  const r1 = await h.request('/api/users', { method: 'POST', body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  console.log('form no auth', r1.status, await r1.text());
  const r2 = await h.request('/api/auth/sign-in', { method: 'POST', body: 'name=x', headers: { 'content-type': 'text/plain' } });
  console.log('form sign-in', r2.status, await r2.text());
  const r3 = await h.request('/api/auth/sign-in', { method: 'POST', body: '{', headers: { 'content-type': 'application/json' } });
  console.log('malformed sign-in', r3.status, await r3.text());
  const r4 = await h.request('/api/auth/sign-in', { method: 'POST', body: 'x'.repeat(2_000_000), headers: { 'content-type': 'application/json' } });
  console.log('big sign-in', r4.status, await r4.text());
  const r5 = await h.request('/api/auth/sign-in', { method: 'POST' });
  console.log('empty sign-in', r5.status, await r5.text());
  const r6 = await h.request('/api/auth/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' } });
  console.log('empty json sign-in', r6.status, await r6.text());
  const r7 = await h.request('/api/auth/sign-in', { method: 'POST', json: null });
  console.log('null sign-in', r7.status, await r7.text());
  const r8 = await h.request('/api/auth/sign-in', { method: 'POST', json: [] });
  console.log('[] sign-in', r8.status, await r8.text());
  const r9 = await h.request('/api/auth/sign-in', { method: 'POST', json: {email: 'a@b.c', password: 'x', extra: 1} });
  console.log('extra sign-in', r9.status, await r9.text());
  await h.close();
}, 60000);
