import type { ProbeOutcome } from '@operable/shared';
import { probeDns, type DnsSettings } from './dns.js';
import { probeHttp, type HttpSettings } from './http.js';
import type { ProbeEnv } from './network.js';
import { probeTcp, probeTls } from './socket.js';

export type { ProbeEnv } from './network.js';

/** What a probe needs of a check, stored or only typed into the form ("test now"). */
export type ProbeSpec =
  | { kind: 'http'; settings: HttpSettings }
  | { kind: 'tcp'; settings: { host: string; port: number } }
  | { kind: 'tls'; settings: { host: string; port: number; minDaysLeft: number; verifyTls: boolean } }
  | { kind: 'dns'; settings: DnsSettings };

export type Prober = (spec: ProbeSpec, env: ProbeEnv, now: Date) => Promise<ProbeOutcome>;

/** Runs one probe. Never throws: every failure is an outcome with a message for people. */
export const runProbe: Prober = async (spec, env, now) => {
  switch (spec.kind) {
    case 'http':
      return probeHttp(spec.settings, env);
    case 'tcp':
      return probeTcp(spec.settings, env);
    case 'tls':
      return probeTls(spec.settings, env, now);
    case 'dns':
      return probeDns(spec.settings, env);
  }
};
