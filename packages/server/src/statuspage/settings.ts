import type { StatuspageSettings, UpdateStatuspageSettings } from '@operable/shared';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { toSettings } from './map.js';
import { bumpVersion, readSettings, updateSettingsRow } from './repository.js';

export async function getStatuspageSettings(ctx: Ctx): Promise<StatuspageSettings> {
  requireRole(ctx.actor, 'viewer');
  return toSettings(await readSettings(ctx.db));
}

/** Name, logo, colours, contact and time zone of the public page (admins). */
export async function updateStatuspageSettings(ctx: Ctx, patch: z.output<typeof UpdateStatuspageSettings>): Promise<StatuspageSettings> {
  requireRole(ctx.actor, 'admin');
  const now = ctx.clock.now();
  await bumpVersion(ctx.db, now);
  const before = toSettings(await readSettings(ctx.db));
  await updateSettingsRow(ctx.db, {
    name: patch.name,
    logo_url: patch.logoUrl,
    brand_color: patch.brandColor,
    header_color: patch.headerColor,
    contact_email: patch.contactEmail,
    contact_url: patch.contactUrl,
    contact_text: patch.contactText,
    time_zone: patch.timeZone,
    page_url: patch.pageUrl,
    updated_at: now,
  });
  const after = toSettings(await readSettings(ctx.db));
  await recordAudit(ctx, { action: 'statuspage.settings.update', entityType: 'statuspage', entityId: null, before, after });
  ctx.log.event('STATUSPAGE_CHANGED', { what: 'settings' });
  return after;
}
