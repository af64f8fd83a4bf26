import type { Check, CheckInputIn, CheckKind } from '@operable/shared';

/** What the check form edits: every kind's fields as text, so switching kind loses nothing. */
export interface CheckDraft {
  name: string;
  serviceId: string;
  kind: CheckKind;
  intervalSeconds: string;
  timeoutSeconds: string;
  retries: string;
  allowInternal: boolean;
  paused: boolean;
  url: string;
  method: string;
  headers: string;
  expectedStatus: string;
  keyword: string;
  keywordMode: 'present' | 'absent';
  maxLatencyMs: string;
  followRedirects: boolean;
  verifyTls: boolean;
  host: string;
  port: string;
  minDaysLeft: string;
  dnsName: string;
  recordType: string;
  expected: string;
  server: string;
}

export function emptyDraft(serviceId = ''): CheckDraft {
  return {
    name: '',
    serviceId,
    kind: 'http',
    intervalSeconds: '60',
    timeoutSeconds: '10',
    retries: '1',
    allowInternal: false,
    paused: false,
    url: 'https://',
    method: 'GET',
    headers: '',
    expectedStatus: '',
    keyword: '',
    keywordMode: 'present',
    maxLatencyMs: '',
    followRedirects: true,
    verifyTls: true,
    host: '',
    port: '',
    minDaysLeft: '14',
    dnsName: '',
    recordType: 'A',
    expected: '',
    server: '',
  };
}

export function draftOf(c: Check): CheckDraft {
  const d = emptyDraft(c.serviceId);
  Object.assign(d, {
    name: c.name,
    kind: c.kind,
    intervalSeconds: String(c.intervalSeconds),
    timeoutSeconds: String(c.timeoutSeconds),
    retries: String(c.retries),
    allowInternal: c.allowInternal,
    paused: c.paused,
  });
  if (c.http) {
    Object.assign(d, {
      url: c.http.url,
      method: c.http.method,
      headers: Object.entries(c.http.headers).map(([k, v]) => `${k}: ${v}`).join('\n'),
      expectedStatus: c.http.expectedStatus.join(', '),
      keyword: c.http.keyword ?? '',
      keywordMode: c.http.keywordMode,
      maxLatencyMs: c.http.maxLatencyMs === null ? '' : String(c.http.maxLatencyMs),
      followRedirects: c.http.followRedirects,
      verifyTls: c.http.verifyTls,
    });
  }
  const socket = c.tcp ?? c.tls;
  if (socket) Object.assign(d, { host: socket.host, port: String(socket.port) });
  if (c.tls) Object.assign(d, { minDaysLeft: String(c.tls.minDaysLeft), verifyTls: c.tls.verifyTls });
  if (c.dns) Object.assign(d, { dnsName: c.dns.name, recordType: c.dns.recordType, expected: c.dns.expected ?? '', server: c.dns.server ?? '' });
  return d;
}

/** A number field as the API wants it; text that is no number goes through as is, so the server names the field. */
const num = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));
const optionalNum = (text: string): number | null => (text.trim() === '' ? null : Number(text));

/** "Name: value" lines; a line without a colon is sent as a header name the server refuses, by name. */
export function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const at = line.indexOf(':');
    if (at < 0) headers[line] = '';
    else headers[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return headers;
}

export function bodyOf(d: CheckDraft): CheckInputIn {
  const common = {
    name: d.name,
    serviceId: d.serviceId,
    intervalSeconds: num(d.intervalSeconds),
    timeoutSeconds: num(d.timeoutSeconds),
    retries: num(d.retries),
    allowInternal: d.allowInternal,
    paused: d.paused,
  };
  switch (d.kind) {
    case 'http':
      return {
        ...common,
        kind: 'http',
        http: {
          url: d.url.trim(),
          method: d.method as 'GET',
          headers: parseHeaders(d.headers),
          expectedStatus: d.expectedStatus.split(/[\s,]+/).filter(Boolean).map(Number),
          keyword: d.keyword === '' ? null : d.keyword,
          keywordMode: d.keywordMode,
          maxLatencyMs: optionalNum(d.maxLatencyMs),
          followRedirects: d.followRedirects,
          verifyTls: d.verifyTls,
        },
      };
    case 'tcp':
      return { ...common, kind: 'tcp', tcp: { host: d.host.trim(), port: num(d.port) } };
    case 'tls':
      return { ...common, kind: 'tls', tls: { host: d.host.trim(), port: d.port.trim() === '' ? 443 : num(d.port), minDaysLeft: num(d.minDaysLeft), verifyTls: d.verifyTls } };
    case 'dns':
      return {
        ...common,
        kind: 'dns',
        dns: { name: d.dnsName.trim(), recordType: d.recordType as 'A', expected: d.expected.trim() === '' ? null : d.expected.trim(), server: d.server.trim() === '' ? null : d.server.trim() },
      };
  }
}
