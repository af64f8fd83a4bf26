import { z } from 'zod';
import { Id, Name, TimeZone, Timestamp } from './common.js';

/** The statuses of the Atlassian Statuspage v2 JSON, exactly. */
export const COMPONENT_STATUSES = ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'] as const;
export const ComponentStatus = z.enum(COMPONENT_STATUSES);
export type ComponentStatus = z.infer<typeof ComponentStatus>;
/** What a failing source may make a component (maintenance comes from scheduled maintenance only). */
export const FailingStatus = z.enum(['degraded_performance', 'partial_outage', 'major_outage']);

export const PUBLIC_INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'] as const;
export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
export const PublicIncidentStatus = z.enum(PUBLIC_INCIDENT_STATUSES);
export const MaintenanceStatus = z.enum(MAINTENANCE_STATUSES);
export const PublicStatus = z.enum([...PUBLIC_INCIDENT_STATUSES, ...MAINTENANCE_STATUSES]);
export type PublicStatus = z.infer<typeof PublicStatus>;
export const Impact = z.enum(['none', 'minor', 'major', 'critical']);
export const PublicIncidentKind = z.enum(['incident', 'maintenance']);

const HexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Expected a #rrggbb colour');
const HttpUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .describe('An absolute http(s) URL');
const Body = z.string().trim().min(1).max(10_000);

export const StatuspageSettings = z.object({
  pageId: z.string(),
  name: z.string(),
  logoUrl: z.string().nullable(),
  brandColor: z.string(),
  headerColor: z.string(),
  contactEmail: z.string().nullable(),
  contactUrl: z.string().nullable(),
  contactText: z.string(),
  timeZone: z.string(),
  pageUrl: z.string().nullable().describe('Where the public page lives (a static host, say); null: <public URL>/status'),
  updatedAt: Timestamp,
});
export type StatuspageSettings = z.infer<typeof StatuspageSettings>;

export const UpdateStatuspageSettings = z
  .object({
    name: Name,
    logoUrl: HttpUrl.nullable(),
    brandColor: HexColor,
    headerColor: HexColor,
    contactEmail: z.email().max(320).nullable(),
    contactUrl: HttpUrl.nullable(),
    contactText: z.string().trim().max(1000),
    timeZone: TimeZone,
    pageUrl: HttpUrl.nullable(),
  })
  .partial()
  .strict();

export const ComponentSourceInput = z
  .object({
    kind: z.enum(['service', 'check']).describe('What the component follows: a service (its open alerts) or a synthetic check (down while the check is down)'),
    id: Id,
    failingStatus: FailingStatus.default('partial_outage').describe('The status while the source fails (a service: an open high-urgency alert; low urgency is degraded performance)'),
  })
  .strict();

export const StatuspageComponent = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  isGroup: z.boolean(),
  groupId: Id.nullable(),
  position: z.number().int(),
  showcase: z.boolean(),
  onlyShowIfDegraded: z.boolean(),
  startDate: z.string().nullable(),
  status: ComponentStatus.describe('What the page shows'),
  manualStatus: ComponentStatus.nullable().describe('Set by a person; wins over what the component follows'),
  automaticStatus: ComponentStatus.describe('The worst of what it follows'),
  manualOverride: z.boolean().describe('It follows sources, but a person has set its status by hand'),
  sources: z.array(z.object({ kind: z.string(), id: Id, name: z.string().nullable(), failingStatus: FailingStatus })),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type StatuspageComponent = z.infer<typeof StatuspageComponent>;
export const StatuspageComponentList = z.object({ items: z.array(StatuspageComponent) });

const componentFields = {
  name: Name,
  description: z.string().trim().max(2000),
  groupId: Id.nullable().describe('The group it belongs to (groups hold components only)'),
  position: z.number().int().min(0).max(100_000),
  showcase: z.boolean(),
  onlyShowIfDegraded: z.boolean(),
  startDate: z.iso.date().nullable(),
  sources: z.array(ComponentSourceInput).max(100),
};
export const CreateStatuspageComponent = z
  .object({
    ...componentFields,
    isGroup: z.boolean(),
    status: ComponentStatus.describe('Set by hand; leave out to follow its sources (or stay operational)'),
  })
  .partial()
  .required({ name: true })
  .strict();
export const UpdateStatuspageComponent = z
  .object({ ...componentFields, status: ComponentStatus.nullable().describe('Set by hand; null to follow its sources again') })
  .partial()
  .strict();

export const AffectedComponent = z.object({ code: Id, name: z.string(), old_status: ComponentStatus, new_status: ComponentStatus });

export const PublicIncidentUpdate = z.object({
  id: Id,
  status: PublicStatus,
  body: z.string(),
  displayAt: Timestamp,
  affectedComponents: z.array(AffectedComponent),
  deliverNotifications: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: Timestamp,
});

export const PublicIncident = z.object({
  id: Id,
  kind: PublicIncidentKind,
  name: z.string(),
  status: PublicStatus,
  impact: z.enum(['none', 'minor', 'major', 'critical', 'maintenance']),
  componentIds: z.array(Id),
  internalIncidentId: Id.nullable(),
  nextUpdateAt: Timestamp.nullable(),
  startedAt: Timestamp,
  monitoringAt: Timestamp.nullable(),
  resolvedAt: Timestamp.nullable(),
  scheduledFor: Timestamp.nullable(),
  scheduledUntil: Timestamp.nullable(),
  autoTransition: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  updates: z.array(PublicIncidentUpdate).describe('Newest first'),
});
export type PublicIncident = z.infer<typeof PublicIncident>;
export const PublicIncidentList = z.object({ items: z.array(PublicIncident) });
export const PublicIncidentQuery = z.object({ kind: PublicIncidentKind.optional(), open: z.enum(['true', 'false']).optional() });

const ComponentStatuses = z
  .record(z.string(), ComponentStatus)
  .describe('Component id → the status this update sets (by hand); listed in the update as affected components');
const updateFields = {
  body: Body,
  componentStatuses: ComponentStatuses.optional(),
  nextUpdateAt: Timestamp.nullable().optional().describe('When the next update will come; shown while open'),
  deliverNotifications: z.boolean().optional(),
};

export const CreatePublicIncident = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('incident'),
      name: Name,
      status: z.enum(['investigating', 'identified', 'monitoring', 'resolved']).default('investigating'),
      impact: Impact.default('minor'),
      componentIds: z.array(Id).max(1000).default([]),
      internalIncidentId: Id.nullable().optional(),
      ...updateFields,
    })
    .strict(),
  z
    .object({
      kind: z.literal('maintenance'),
      name: Name,
      scheduledFor: Timestamp,
      scheduledUntil: Timestamp.describe('After scheduledFor'),
      componentIds: z.array(Id).max(1000).default([]),
      autoTransition: z.boolean().default(true).describe('Start and complete it at the scheduled times'),
      ...updateFields,
    })
    .strict(),
]);
export type CreatePublicIncident = z.output<typeof CreatePublicIncident>;

export const PostPublicUpdate = z.object({ status: PublicStatus, ...updateFields }).strict();
export type PostPublicUpdate = z.output<typeof PostPublicUpdate>;

export const UpdatePublicIncident = z
  .object({
    name: Name,
    impact: Impact,
    componentIds: z.array(Id).max(1000),
    nextUpdateAt: Timestamp.nullable(),
    scheduledFor: Timestamp,
    scheduledUntil: Timestamp,
    autoTransition: z.boolean(),
    internalIncidentId: Id.nullable().describe('The internal incident this one speaks for (incidents only); null unlinks'),
  })
  .partial()
  .strict();

/**
 * A public update drafted from the linked internal incident's latest status update.
 * Nothing is posted: a person reads it, edits it for customers and posts it.
 */
export const ProposedPublicUpdate = z.object({
  status: PublicIncidentStatus,
  body: z.string(),
  nextUpdateAt: Timestamp.nullable(),
  from: z.object({
    incidentId: Id,
    incidentNumber: z.number().int(),
    incidentTitle: z.string(),
    updateId: Id,
    at: Timestamp,
    author: z.string(),
  }),
});
export type ProposedPublicUpdate = z.infer<typeof ProposedPublicUpdate>;

export const StatuspageTemplate = z.object({
  id: Id,
  name: z.string(),
  kind: PublicIncidentKind,
  status: PublicStatus,
  title: z.string(),
  body: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type StatuspageTemplate = z.infer<typeof StatuspageTemplate>;
export const StatuspageTemplateList = z.object({ items: z.array(StatuspageTemplate) });
export const CreateStatuspageTemplate = z
  .object({ name: Name, kind: PublicIncidentKind, status: PublicStatus, title: z.string().trim().max(200).default(''), body: Body })
  .strict();
export const UpdateStatuspageTemplate = z
  .object({ name: Name, status: PublicStatus, title: z.string().trim().max(200), body: Body })
  .partial()
  .strict();

export const StatuspageSubscriber = z.object({
  id: Id,
  kind: z.enum(['email', 'webhook']),
  address: z.string().describe('The email address, or the host a webhook posts to (its URL is a credential)'),
  componentIds: z.array(Id).describe('Components and groups it follows; empty: the whole page'),
  confirmed: z.boolean().describe('Email: the person followed the confirmation link'),
  createdAt: Timestamp,
});
export type StatuspageSubscriber = z.infer<typeof StatuspageSubscriber>;
export const StatuspageSubscriberList = z.object({ items: z.array(StatuspageSubscriber) });
export const CreateStatuspageSubscriber = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('webhook'),
      url: HttpUrl,
      secret: z.string().min(16).max(200).describe('HMAC key: deliveries are signed like every Operable webhook (X-Operable-Signature)'),
      componentIds: z.array(Id).max(1000).default([]),
    })
    .strict(),
  z
    .object({
      kind: z.literal('email'),
      email: z.email().max(320).transform((e) => e.toLowerCase()),
      componentIds: z.array(Id).max(1000).default([]),
    })
    .strict()
    .describe('Sends the confirmation mail: the person subscribes by following its link'),
]);
