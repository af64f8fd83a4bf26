import { IANAZone } from 'luxon';
import { safeZone } from './zone.js';

/**
 * Wall-clock fields of an instant in a zone, fast: the zone's UTC offset is looked up
 * once per UTC hour and reused when it is the same at both ends of that hour (no
 * transition inside), otherwise asked for the exact instant. Health views read tens
 * of thousands of instants; asking Intl for each one is what made them slow.
 */
export interface LocalClock {
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
  hour: number;
  minute: number;
  /** The instant the local clock hour holding `at` began (distinct for the two 01:00s of a fall-back night). */
  hourStart: number;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;
const cache = new Map<string, Map<number, number | null>>();

function offsetMs(zone: IANAZone, name: string, at: number): number {
  let perZone = cache.get(name);
  if (!perZone) {
    perZone = new Map();
    cache.set(name, perZone);
  }
  const bucket = Math.floor(at / HOUR);
  let steady = perZone.get(bucket);
  if (steady === undefined) {
    const start = zone.offset(bucket * HOUR);
    steady = start === zone.offset(bucket * HOUR + HOUR - 1) ? start : null;
    if (perZone.size > 50_000) perZone.clear();
    perZone.set(bucket, steady);
  }
  return (steady ?? zone.offset(at)) * 60_000;
}

export function localClock(at: number, zoneName: string): LocalClock {
  const name = safeZone(zoneName);
  const zone = IANAZone.create(name);
  const offset = offsetMs(zone, name, at);
  const local = at + offset;
  const dayMs = ((local % DAY) + DAY) % DAY;
  const days = Math.floor(local / DAY);
  // 1 January 1970 was a Thursday (ISO weekday 4).
  const weekday = ((((days + 3) % 7) + 7) % 7) + 1;
  return {
    weekday,
    hour: Math.floor(dayMs / HOUR),
    minute: Math.floor((dayMs % HOUR) / 60_000),
    hourStart: at - (dayMs % HOUR),
  };
}
