import { CheckInput } from '@operable/shared';
import { describe, expect, it } from 'vitest';
import { bodyOf, emptyDraft, parseHeaders } from './check-draft';

describe('the check form’s body', () => {
  it('an HTTP draft becomes a body the API schema accepts', () => {
    const d = { ...emptyDraft('7b0f3a4e-6a49-4f5e-9a51-3f1c2c0f9d11'), name: 'Shop', url: 'https://shop.example.com/health', headers: 'X-Probe: yes', expectedStatus: '200, 204', keyword: 'ok' };
    const parsed = CheckInput.parse(bodyOf(d));
    expect(parsed).toMatchObject({ kind: 'http', http: { headers: { 'X-Probe': 'yes' }, expectedStatus: [200, 204], keyword: 'ok', maxLatencyMs: null } });
  });

  it('TLS defaults to port 443; DNS leaves the name server to the server', () => {
    const base = { ...emptyDraft('7b0f3a4e-6a49-4f5e-9a51-3f1c2c0f9d11'), name: 'x', host: 'shop.example.com', dnsName: 'shop.example.com' };
    expect(CheckInput.parse(bodyOf({ ...base, kind: 'tls' }))).toMatchObject({ tls: { port: 443, minDaysLeft: 14 } });
    expect(CheckInput.parse(bodyOf({ ...base, kind: 'dns' }))).toMatchObject({ dns: { recordType: 'A', server: null, expected: null } });
  });

  it('a blank number is sent as not-a-number so the server names the field', () => {
    const r = CheckInput.safeParse(bodyOf({ ...emptyDraft('7b0f3a4e-6a49-4f5e-9a51-3f1c2c0f9d11'), name: 'x', kind: 'tcp', host: 'db', port: '' }));
    expect(r.success).toBe(false);
  });

  it('reads header lines', () => {
    expect(parseHeaders('A: 1\n\n  B:two words  \n')).toEqual({ A: '1', B: 'two words' });
  });
});
