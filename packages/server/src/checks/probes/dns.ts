import { Resolver } from 'node:dns/promises';
import type { ProbeOutcome } from '@operable/shared';
import { parseIp } from '../../lib/internal-address.js';
import { refusalOf, OutboundRefused } from '../../lib/outbound.js';
import { describeError, elapsed, policyFor, type ProbeEnv } from './network.js';

export interface DnsSettings {
  name: string;
  recordType: 'A' | 'AAAA' | 'CNAME' | 'MX' | 'TXT' | 'NS';
  expected: string | null;
  server: string | null;
}

/**
 * Asks for one record set and checks one answer equals `expected` (any answer at all
 * when null). A name server given by the user is an outbound target like any other:
 * an internal one needs the check's "allow internal".
 */
export async function probeDns(s: DnsSettings, env: ProbeEnv): Promise<ProbeOutcome> {
  const started = performance.now();
  try {
    const resolver = new Resolver({ timeout: env.timeoutMs, tries: 1 });
    if (s.server) {
      const { address, port } = splitServer(s.server);
      const refusal = refusalOf(policyFor(env), address, address);
      if (refusal) throw new OutboundRefused(refusal);
      resolver.setServers([port ? (address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`) : address]);
    }
    const answers = await lookup(resolver, s);
    return judgeDns(s, answers, elapsed(started));
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENODATA' || code === 'ENOTFOUND') return { ok: false, latencyMs: elapsed(started), message: `no ${s.recordType} record for ${s.name}` };
    return { ok: false, latencyMs: null, message: describeError(error) };
  }
}

/** Pure: the verdict on the answers a name server gave. */
export function judgeDns(s: Pick<DnsSettings, 'name' | 'recordType' | 'expected'>, answers: string[], latencyMs: number): ProbeOutcome {
  if (!answers.length) return { ok: false, latencyMs, message: `no ${s.recordType} record for ${s.name}` };
  const shown = answers.slice(0, 3).join(', ') + (answers.length > 3 ? ` and ${answers.length - 3} more` : '');
  if (s.expected !== null && !answers.some((a) => a.toLowerCase().replace(/\.$/, '') === s.expected!.toLowerCase().replace(/\.$/, ''))) {
    return { ok: false, latencyMs, message: `${s.recordType} ${s.name} is ${shown}, expected ${s.expected}` };
  }
  return { ok: true, latencyMs, message: `${s.recordType} ${s.name} is ${shown} (${latencyMs} ms)` };
}

async function lookup(resolver: Resolver, s: DnsSettings): Promise<string[]> {
  switch (s.recordType) {
    case 'A':
      return resolver.resolve4(s.name);
    case 'AAAA':
      return resolver.resolve6(s.name);
    case 'CNAME':
      return resolver.resolveCname(s.name);
    case 'NS':
      return resolver.resolveNs(s.name);
    case 'MX':
      return (await resolver.resolveMx(s.name)).map((m) => m.exchange);
    case 'TXT':
      return (await resolver.resolveTxt(s.name)).map((parts) => parts.join(''));
  }
}

function splitServer(server: string): { address: string; port: number | null } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(server);
  if (bracketed) return { address: bracketed[1]!, port: bracketed[2] ? Number(bracketed[2]) : null };
  const [address, port] = server.split(':');
  if (!parseIp(address!)) throw Object.assign(new Error(`${server} is not an IP address`), { code: 'EINVAL' });
  return { address: address!, port: port ? Number(port) : null };
}
