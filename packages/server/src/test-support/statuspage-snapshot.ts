import type { ComponentRow, SettingsRow } from '../statuspage/repository.js';
import type { DayRow, Snapshot } from '../statuspage/snapshot-repository.js';

/** Snapshots for the public pages' pure renderers, without a database. */
export const NOW = new Date('2026-10-31T12:00:00Z');
/** Today is the bars' last day: 2026-10-31, so the first is 2026-08-03. */
export const FIRST_DAY = '2026-08-03';

const settings = { page_id: 'p', name: 'Acme', logo_url: null, brand_color: '#8250df', header_color: '#24292f', contact_email: null, contact_url: null, contact_text: '', time_zone: 'UTC', page_url: null, version: '1', updated_at: NOW } as unknown as SettingsRow;

export function component(id: string, name: string, extra: Partial<ComponentRow> = {}): ComponentRow {
  const long = new Date('2025-01-01T00:00:00Z');
  return { id, name, description: '', is_group: false, group_id: null, position: 0, showcase: true, only_show_if_degraded: false, start_date: null, status: 'operational', manual_status: null, auto_status: 'operational', status_since: long, created_at: long, updated_at: long, ...extra } as ComponentRow;
}

/** Day `i` of the bars (0 is FIRST_DAY) with these seconds per status. */
export const day = (component_id: string, i: number, seconds: Partial<Omit<DayRow, 'component_id' | 'i'>>): DayRow => ({ component_id, i, degraded_seconds: 0, partial_seconds: 0, major_seconds: 0, maintenance_seconds: 0, ...seconds });

export const snapshot = (components: ComponentRow[], days: DayRow[] = []): Snapshot => ({ settings, version: 1, components, incidents: [], maintenances: [], firstDay: FIRST_DAY, days });
