import { z } from 'zod';
import { Id, Timestamp } from './common.js';

/**
 * Incidents: the contract the API, the web app, the CLI and post-mortems share.
 * Severity is a number 1..4 (SEV1 worst); its wording is admin-edited (SeverityDefinition).
 */

export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export const IncidentStatus = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

export const Severity = z.number().int().min(1).max(4).describe('1 = SEV1 (worst) … 4 = SEV4');
export type Severity = 1 | 2 | 3 | 4;
export const severityName = (level: number) => `SEV${level}`;

export const INCIDENT_ROLES = ['commander', 'communicator', 'scribe', 'responder'] as const;
export const IncidentRole = z.enum(INCIDENT_ROLES);
export type IncidentRole = z.infer<typeof IncidentRole>;

/** The inflection points that feed MTTA/MTTR and the post-mortem draft; one entry each per incident. */
export const KEY_MOMENTS = ['detected', 'acknowledged', 'mitigated', 'resolved'] as const;
export const KeyMoment = z.enum(KEY_MOMENTS);
export type KeyMoment = z.infer<typeof KeyMoment>;

/** Kinds of timeline entries. `data` per kind is described beside each. */
export const TIMELINE_KINDS = [
  'declared', // data: { severity, status, drill, alertIds, serviceIds }
  'alert_linked', // data: { alertId, alertNumber, summary }
  'alert_unlinked', // data: { alertId, alertNumber }
  'alert_event', // mirrored from a linked alert's log: data { alertId, alertNumber, event, channel, result, target }
  'service_added', // data: { serviceId, name }
  'service_removed', // data: { serviceId, name }
  'status_changed', // data: { from, to }
  'severity_changed', // data: { from, to }
  'reopened', // data: { from }
  'fields_changed', // data: { fields: string[] } (title, assess, blast radius, compensate, war room, summary)
  'role_assigned', // data: { role, userId, name, previousUserId?, previousName? } (hand-over when previous is set)
  'role_removed', // data: { role, userId, name }
  'paged', // data: { role, userId, name, alertId, alertNumber }
  'note', // text is markdown; html rendered and sanitized
  'checklist_ticked', // data: { itemId, text, done }
  'checklist_added', // data: { itemId, text }
  'update_posted', // text is the update; data: { updateId, nextUpdateAt }
  'update_overdue', // data: { dueAt, remindedUserId, remindedName, alertId? }
  'command', // data: IncidentCommand fields (id, command, exitCode, host, user …)
  'action_run', // data: { runId, actionId, name, kind, outcome, httpStatus?, error? }
  'subscriber_added', // data: { subscriberId, channel }
  'slack_channel', // data: { channelId, name } or { error }
  'key_moment', // data: { entryId, moment } (marking an entry; the mark itself sits on that entry)
  'wellbeing_requested', // data: { userIds }
] as const;
export const TimelineKind = z.enum(TIMELINE_KINDS);
export type TimelineKind = z.infer<typeof TimelineKind>;

export const IncidentPerson = z.object({ id: Id, name: z.string() });

export const IncidentTimelineEntry = z.object({
  id: z.string().describe('Increasing within an incident'),
  at: Timestamp,
  kind: TimelineKind,
  actor: z.object({ id: Id.nullable(), name: z.string() }).describe('Who did it; id null for the system or an integration'),
  text: z.string().describe('One readable sentence, or markdown for notes and updates'),
  html: z.string().nullable().describe('Sanitized HTML of `text` for notes and updates; null for other kinds'),
  data: z.record(z.string(), z.unknown()),
  keyMoment: KeyMoment.nullable(),
});
export type IncidentTimelineEntry = z.infer<typeof IncidentTimelineEntry>;

export const IncidentRoleAssignment = z.object({
  id: Id,
  role: IncidentRole,
  user: IncidentPerson,
  assignedAt: Timestamp,
  assignedBy: IncidentPerson.nullable(),
  endedAt: Timestamp.nullable().describe('Null while they hold the role'),
  handedTo: IncidentPerson.nullable(),
  page: z
    .object({
      alertId: Id,
      alertNumber: z.number().int(),
      status: z.enum(['triggered', 'acknowledged', 'resolved']),
      pagedAt: Timestamp,
      notifiedAt: Timestamp.nullable().describe('First message delivered'),
      acknowledgedAt: Timestamp.nullable(),
    })
    .nullable()
    .describe('When they were paged into the role: the page and how far it got'),
});
export type IncidentRoleAssignment = z.infer<typeof IncidentRoleAssignment>;

export const IncidentService = z.object({ id: Id, name: z.string(), teamId: Id, source: z.enum(['alert', 'manual']) });

export const IncidentAlert = z.object({
  id: Id,
  number: z.number().int(),
  summary: z.string(),
  status: z.enum(['triggered', 'acknowledged', 'resolved']),
  serviceId: Id,
  serviceName: z.string(),
  kind: z.enum(['linked', 'page', 'reminder']).describe('linked: part of the incident; page/reminder: raised by it to page someone'),
  linkedAt: Timestamp,
});

export const ChecklistItem = z.object({
  id: Id,
  position: z.number().int(),
  text: z.string(),
  serviceId: Id.nullable().describe('The service whose runbook it came from; null when added by hand'),
  doneAt: Timestamp.nullable(),
  doneBy: IncidentPerson.nullable(),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const IncidentUpdate = z.object({
  id: Id,
  at: Timestamp,
  author: z.object({ id: Id.nullable(), name: z.string() }),
  status: IncidentStatus,
  severity: Severity,
  body: z.string(),
  html: z.string().describe('Sanitized HTML of the markdown body'),
  nextUpdateAt: Timestamp.nullable(),
});
export type IncidentUpdate = z.infer<typeof IncidentUpdate>;

export const Incident = z.object({
  id: Id,
  number: z.number().int().describe('Shown as #42'),
  title: z.string(),
  severity: Severity,
  severityName: z.string().describe('SEV1 … SEV4'),
  status: IncidentStatus,
  drill: z.boolean().describe('A war game: real pages marked DRILL, left out of health numbers'),
  summary: z.string(),
  assess: z.string(),
  blastRadius: z.string(),
  compensate: z.string(),
  warRoomUrl: z.string().nullable(),
  slackChannel: z.object({ id: z.string(), name: z.string() }).nullable(),
  nextUpdateAt: Timestamp.nullable(),
  updateOverdue: z.boolean().describe('nextUpdateAt has passed and the incident is not resolved'),
  declaredAt: Timestamp,
  resolvedAt: Timestamp.nullable(),
  createdBy: IncidentPerson.nullable(),
  services: z.array(IncidentService),
  roles: z.array(IncidentRoleAssignment).describe('Current role holders only'),
});
export type Incident = z.infer<typeof Incident>;

export const IncidentDetail = Incident.extend({
  alerts: z.array(IncidentAlert),
  checklist: z.array(ChecklistItem),
  updates: z.array(IncidentUpdate).describe('Newest first'),
  roleHistory: z.array(IncidentRoleAssignment).describe('Every assignment, ended ones included, oldest first'),
  timeline: z.array(IncidentTimelineEntry).describe('Oldest first'),
  canEdit: z.boolean().describe('The viewer may change this incident'),
});
export type IncidentDetail = z.infer<typeof IncidentDetail>;

export const IncidentList = z.object({ items: z.array(Incident), nextBefore: z.number().int().nullable() });
export type IncidentList = z.infer<typeof IncidentList>;

export const IncidentQuery = z.object({
  status: z
    .string()
    .regex(/^(investigating|identified|monitoring|resolved|open)(,(investigating|identified|monitoring|resolved|open))*$/, 'Comma-separated statuses, or open')
    .optional()
    .describe('e.g. `open` (every status but resolved)'),
  serviceId: Id.optional(),
  drill: z.enum(['true', 'false']).optional(),
  before: z.coerce.number().int().min(1).optional().describe('Cursor: incidents with a smaller number'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type IncidentQuery = z.input<typeof IncidentQuery>;

/** An incident's number or id in a path: `/api/incidents/42` or `/api/incidents/<uuid>`. */
export const IncidentRef = z.object({
  id: z.union([Id, z.string().regex(/^#?\d{1,12}$/, 'An incident number (42) or id')]),
});

const Text = (max: number) => z.string().max(max);
const Url = z.url({ protocol: /^https?$/ }).max(2000);

export const DeclareIncident = z
  .object({
    title: z.string().trim().min(1).max(300),
    severity: Severity,
    alertIds: z.array(Id).max(100).default([]).describe('Alerts to link; their services join the incident'),
    serviceIds: z.array(Id).max(50).default([]).describe('Services added by hand'),
    drill: z.boolean().default(false),
    summary: Text(20_000).default(''),
    warRoomUrl: Url.nullable().optional(),
    commanderId: Id.optional().describe('Defaults to the person declaring'),
    createSlackChannel: z.boolean().default(false).describe('Needs a Slack bot token configured on the server'),
  })
  .strict();
export type DeclareIncident = z.input<typeof DeclareIncident>;

export const UpdateIncident = z
  .object({
    title: z.string().trim().min(1).max(300),
    severity: Severity,
    status: IncidentStatus.describe('Any status from any other: resolved → investigating reopens'),
    summary: Text(20_000),
    assess: Text(20_000),
    blastRadius: Text(20_000),
    compensate: Text(20_000),
    warRoomUrl: Url.nullable(),
    drill: z.boolean(),
  })
  .partial()
  .strict();
export type UpdateIncident = z.input<typeof UpdateIncident>;

export const LinkAlert = z.object({ alertId: Id }).strict();
export const AddIncidentService = z.object({ serviceId: Id }).strict();

export const AssignRole = z
  .object({
    role: IncidentRole,
    userId: Id,
    page: z.boolean().default(false).describe('Page them into the role through their notification rules (acks and escalation as any page)'),
  })
  .strict();
export type AssignRole = z.input<typeof AssignRole>;

export const RemoveRole = z.object({ role: IncidentRole, userId: Id }).strict();

export const AddNote = z
  .object({ text: z.string().trim().min(1).max(20_000), keyMoment: KeyMoment.optional() })
  .strict();

export const MarkKeyMoment = z
  .object({ keyMoment: KeyMoment.nullable().describe('null clears the mark') })
  .strict();

export const TimelineEntryParam = z.object({ id: IncidentRef.shape.id, entryId: z.string().regex(/^\d{1,18}$/, 'A timeline entry id') });

export const AddChecklistItem = z.object({ text: z.string().trim().min(1).max(1000) }).strict();
export const TickChecklistItem = z.object({ done: z.boolean() }).strict();
export const ChecklistItemParam = z.object({ id: IncidentRef.shape.id, itemId: Id });

export const PostUpdate = z
  .object({
    body: z.string().trim().min(1).max(20_000).optional().describe('Markdown; required unless templateId is given'),
    templateId: Id.optional().describe('Fill the body from this template'),
    status: IncidentStatus.optional().describe('Change the status with the update'),
    severity: Severity.optional(),
    nextUpdateInMinutes: z
      .number()
      .int()
      .min(1)
      .max(1440)
      .nullable()
      .optional()
      .describe('When the next update is due; default from the severity (30 min for SEV1–2); null: none'),
  })
  .strict();
export type PostUpdate = z.input<typeof PostUpdate>;

const Ref = IncidentRef.shape.id;
export const IncidentAlertParam = z.object({ id: Ref, alertId: Id });
export const IncidentServiceParam = z.object({ id: Ref, serviceId: Id });
export const IncidentRoleParam = z.object({ id: Ref, role: IncidentRole, userId: Id });
export const IncidentTimeline = z.object({ items: z.array(IncidentTimelineEntry) });
export const ChecklistList = z.object({ items: z.array(ChecklistItem) });
