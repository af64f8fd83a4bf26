import { IANAZone } from 'luxon';

/** A zone Luxon knows; anything else (empty, misspelt) is read as UTC rather than failing a report. */
export function safeZone(zone: string): string {
  let known = validZones.get(zone);
  if (known === undefined) {
    // Checking builds an Intl formatter (about a tenth of a millisecond): once per zone, not per event.
    known = !!zone && IANAZone.isValidZone(zone);
    if (validZones.size < 1000) validZones.set(zone, known);
  }
  return known ? zone : 'UTC';
}
const validZones = new Map<string, boolean>();
