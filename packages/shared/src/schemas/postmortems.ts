import { z } from 'zod';
import { Id, LocalDate, Timestamp } from './common.js';
import {
  ACTION_ITEM_PRIORITIES,
  ACTION_ITEM_STATUSES,
  ACTION_ITEM_TYPES,
  FOLLOW_UP_DECISIONS,
  POSTMORTEM_SECTION_KEYS,
  POSTMORTEM_STATES,
} from '../postmortem-sections.js';

export const PostmortemState = z.enum(POSTMORTEM_STATES);
export type PostmortemState = z.infer<typeof PostmortemState>;
export const SectionKey = z.enum(POSTMORTEM_SECTION_KEYS);
export const ActionItemType = z.enum(ACTION_ITEM_TYPES);
export const ActionItemPriority = z.enum(ACTION_ITEM_PRIORITIES);
export const ActionItemStatus = z.enum(ACTION_ITEM_STATUSES);
export const FollowUpDecision = z.enum(FOLLOW_UP_DECISIONS);

const PmPerson = z.object({ id: Id, name: z.string() });
const PmTag = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\w.:/-]+$/, 'Letters, digits and . _ : / - only');
const TrackerUrl = z.url({ protocol: /^https?$/ }).max(2000);

export const Lateness = z.object({
  what: z.enum(['interviews', 'meeting', 'action_items', 'follow_up']),
  since: Timestamp,
  count: z.number().int().optional().describe('For action_items: how many are overdue'),
});
export type Lateness = z.infer<typeof Lateness>;

export const PostmortemImpact = z.object({
  durationMinutes: z.number().int().nullable(),
  minutesToAcknowledge: z.number().int().nullable(),
  minutesToMitigate: z.number().int().nullable(),
  services: z.array(z.string()),
  alertCount: z.number().int(),
  peoplePaged: z.array(z.string()),
  sleepHoursLost: z.number(),
});

/** What lists and the library show of a post-mortem. */
export const PostmortemSummary = z.object({
  id: Id,
  incidentId: Id,
  incidentNumber: z.number().int(),
  title: z.string(),
  severity: z.number().int().min(1).max(4),
  severityName: z.string(),
  state: PostmortemState,
  owner: PmPerson.nullable(),
  facilitator: PmPerson.nullable(),
  noteTaker: PmPerson.nullable(),
  teamId: Id.nullable(),
  services: z.array(z.object({ id: Id, name: z.string() })),
  tags: z.array(z.string()),
  incidentResolvedAt: Timestamp,
  interviewsDueAt: Timestamp,
  meetingDueAt: Timestamp,
  interviewsDoneAt: Timestamp.nullable(),
  meetingScheduledAt: Timestamp.nullable(),
  meetingHeldAt: Timestamp.nullable(),
  late: z.array(Lateness).describe('What is past its deadline; empty when on track or closed'),
  openActionItems: z.number().int(),
  overdueActionItems: z.number().int(),
  snippet: z.string().nullable().describe('For a text search: the matching passage, plain text'),
  automatic: z.boolean().describe('Made by Operable when a SEV1-2 incident was resolved'),
  createdAt: Timestamp,
});
export type PostmortemSummary = z.infer<typeof PostmortemSummary>;

export const BlameHintView = z.object({
  sentence: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  phrase: z.string(),
  person: z.string(),
  suggestion: z.string(),
});

export const PostmortemSection = z.object({
  key: SectionKey,
  title: z.string(),
  prompt: z.string(),
  markdown: z.string(),
  html: z.string().describe('Sanitized HTML of markdown'),
  revision: z.number().int().describe('Send back as baseRevision when saving'),
  updatedAt: Timestamp,
  updatedBy: PmPerson.nullable(),
  blame: z.array(BlameHintView).describe('Sentences that name a person together with blaming words'),
});
export type PostmortemSection = z.infer<typeof PostmortemSection>;

export const PostmortemTimelineEntry = z.object({
  id: z.string(),
  at: Timestamp,
  kind: z.string(),
  actor: z.string().nullable(),
  text: z.string(),
  moment: z.enum(['detected', 'acknowledged', 'mitigated', 'resolved']).nullable(),
  gapBeforeMinutes: z.number().int().nullable().describe('Minutes of silence before this entry, when longer than the threshold'),
  note: z.string().describe('What the people who acted saw and thought, from the meeting'),
});
export type PostmortemTimelineEntry = z.infer<typeof PostmortemTimelineEntry>;

export const ActionItem = z.object({
  id: Id,
  postmortemId: Id,
  title: z.string(),
  owner: PmPerson.nullable(),
  dueOn: LocalDate.nullable(),
  type: ActionItemType,
  priority: ActionItemPriority,
  status: ActionItemStatus,
  trackerUrl: z.string().nullable(),
  trackerKey: z.string().nullable(),
  overdue: z.boolean().describe('Open or in progress, and past the end of its due day (UTC)'),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  doneAt: Timestamp.nullable(),
});
export type ActionItem = z.infer<typeof ActionItem>;

export const FollowUpOutcomeItem = z.object({
  actionItemId: Id,
  title: z.string(),
  decision: FollowUpDecision,
  dueOn: LocalDate.nullable(),
  note: z.string(),
});

export const FollowUp = z.object({
  id: Id,
  dueAt: Timestamp,
  completedAt: Timestamp.nullable(),
  completedBy: PmPerson.nullable(),
  outcome: z.array(FollowUpOutcomeItem).nullable(),
  notes: z.string(),
});
export type FollowUp = z.infer<typeof FollowUp>;

export const Postmortem = PostmortemSummary.extend({
  impact: PostmortemImpact,
  meetingNotes: z.string(),
  sections: z.array(PostmortemSection),
  timeline: z.array(PostmortemTimelineEntry),
  actionItems: z.array(ActionItem),
  followUps: z.array(FollowUp).describe('Oldest first'),
  people: z.array(z.string()).describe('Names from the incident, which the blame hints look for'),
  canEdit: z.boolean(),
  nextStates: z.array(PostmortemState),
});
export type Postmortem = z.infer<typeof Postmortem>;

export const PostmortemList = z.object({ items: z.array(PostmortemSummary) });

export const PostmortemQuery = z.object({
  q: z.string().trim().max(200).optional().describe('Full-text search over title, sections, tags and services'),
  serviceId: Id.optional(),
  severity: z.coerce.number().int().min(1).max(4).optional(),
  tag: PmTag.optional(),
  state: PostmortemState.optional(),
  from: LocalDate.optional().describe('Incidents resolved on or after this date (UTC)'),
  to: LocalDate.optional().describe('Incidents resolved on or before this date (UTC)'),
  late: z.enum(['true', 'false']).optional().describe('Only post-mortems with something late'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type PostmortemQuery = z.input<typeof PostmortemQuery>;

export const CreatePostmortem = z.object({ incidentId: Id }).strict();

export const UpdatePostmortem = z
  .object({
    title: z.string().trim().min(1).max(300).optional(),
    ownerId: Id.nullable().optional(),
    facilitatorId: Id.nullable().optional(),
    noteTakerId: Id.nullable().optional(),
    tags: z.array(PmTag).max(20).optional(),
    meetingScheduledAt: Timestamp.nullable().optional(),
    interviewsDone: z.boolean().optional().describe('Interviews with the people involved are done (now) or not'),
    meetingNotes: z.string().max(100_000).optional(),
  })
  .strict();
export type UpdatePostmortem = z.input<typeof UpdatePostmortem>;

export const SaveSection = z
  .object({
    markdown: z.string().max(100_000),
    baseRevision: z.number().int().min(1).describe('The revision this edit started from; a newer one stored is a conflict (409)'),
  })
  .strict();

export const SectionParam = z.object({ id: Id, key: SectionKey });

export const SectionRevision = z.object({
  revision: z.number().int(),
  markdown: z.string(),
  author: z.string(),
  createdAt: Timestamp,
});
export const SectionRevisionList = z.object({ items: z.array(SectionRevision).describe('Newest first') });

export const ChangeState = z.object({ state: PostmortemState }).strict();

export const RecordMeeting = z
  .object({ heldAt: Timestamp.optional().describe('Defaults to now; not in the future') })
  .strict();

export const TimelineNote = z.object({ note: z.string().max(10_000) }).strict();
export const TimelineNoteParam = z.object({ id: Id, entryId: z.string().regex(/^\d{1,18}$/, 'A timeline entry id') });

export const ActionItemInput = z
  .object({
    title: z.string().trim().min(1).max(300),
    ownerId: Id.nullable().default(null),
    dueOn: LocalDate.nullable().default(null),
    type: ActionItemType,
    priority: ActionItemPriority.default('medium'),
    status: ActionItemStatus.default('open'),
    trackerUrl: TrackerUrl.nullable().default(null),
    trackerKey: z.string().trim().min(1).max(64).nullable().default(null),
  })
  .strict();
export type ActionItemInput = z.input<typeof ActionItemInput>;

export const ActionItemPatch = z
  .object({
    title: z.string().trim().min(1).max(300).optional(),
    ownerId: Id.nullable().optional(),
    dueOn: LocalDate.nullable().optional(),
    type: ActionItemType.optional(),
    priority: ActionItemPriority.optional(),
    status: ActionItemStatus.optional(),
    trackerUrl: TrackerUrl.nullable().optional(),
    trackerKey: z.string().trim().min(1).max(64).nullable().optional(),
  })
  .strict();
export type ActionItemPatch = z.input<typeof ActionItemPatch>;

export const ActionItemParam = z.object({ id: Id, itemId: Id });

export const ActionItemQuery = z.object({
  teamId: Id.optional(),
  ownerId: Id.optional(),
  overdue: z.enum(['true', 'false']).optional(),
});
export const ActionItemList = z.object({
  items: z.array(ActionItem.extend({ postmortemTitle: z.string(), incidentNumber: z.number().int() })),
});

export const CompleteFollowUp = z
  .object({
    decisions: z
      .array(
        z
          .object({
            actionItemId: Id,
            decision: FollowUpDecision,
            dueOn: LocalDate.optional().describe('Required to re-plan: the new due date'),
            note: z.string().max(2000).default(''),
          })
          .strict(),
      )
      .max(200),
    notes: z.string().max(20_000).default(''),
  })
  .strict();
export type CompleteFollowUp = z.input<typeof CompleteFollowUp>;

export const FollowUpParam = z.object({ id: Id, followUpId: Id });

export const ExportQuery = z.object({ format: z.enum(['markdown', 'html']).default('markdown') });

const DeadlinePolicy = z
  .object({
    interviewsHours: z.number().int().min(1).max(2160),
    meetingHours: z.number().int().min(1).max(2160),
  })
  .strict();
export const DeadlinePolicies = z
  .object({ SEV1: DeadlinePolicy, SEV2: DeadlinePolicy, SEV3: DeadlinePolicy, SEV4: DeadlinePolicy })
  .strict()
  .describe('Hours after resolution by which interviews and the review meeting are due, per severity');
export type DeadlinePolicies = z.infer<typeof DeadlinePolicies>;
