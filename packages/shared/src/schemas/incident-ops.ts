import { z } from 'zod';
import { Id, Timestamp } from './common.js';
import { IncidentPerson, Severity } from './incidents.js';

/** Admin-edited wording and defaults of the severities and status-update templates. */

export const SeverityDefinition = z.object({
  level: Severity,
  name: z.string(),
  description: z.string(),
  defaultUpdateMinutes: z.number().int().nullable().describe('Default time to the next status update; null: none'),
});
export type SeverityDefinition = z.infer<typeof SeverityDefinition>;
export const SeverityDefinitionList = z.object({ items: z.array(SeverityDefinition) });
export const SeverityParam = z.object({ level: z.coerce.number().int().min(1).max(4) });
export const UpdateSeverityDefinition = z
  .object({
    name: z.string().trim().min(1).max(40),
    description: z.string().trim().min(1).max(2000),
    defaultUpdateMinutes: z.number().int().min(1).max(1440).nullable(),
  })
  .partial()
  .strict();

export const UpdateTemplate = z.object({ id: Id, name: z.string(), body: z.string(), updatedAt: Timestamp });
export type UpdateTemplate = z.infer<typeof UpdateTemplate>;
export const UpdateTemplateList = z.object({ items: z.array(UpdateTemplate) });
export const UpdateTemplateInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    body: z
      .string()
      .trim()
      .min(1)
      .max(20_000)
      .describe('Markdown; placeholders {{title}} {{number}} {{severity}} {{status}} {{services}} {{next_update}}'),
  })
  .strict();

/** `operable exec --incident 42 -- cmd args`: what the CLI sends when the command ends. */
export const MAX_COMMAND_OUTPUT_CHARS = 16_000;
export const RecordCommand = z
  .object({
    clientId: z.string().trim().min(8).max(100).describe('The CLI’s id for this run, so a queued record sent twice is kept once'),
    command: z.string().min(1).max(8000),
    osUser: z.string().max(200),
    host: z.string().max(300),
    cwd: z.string().max(4000),
    startedAt: Timestamp,
    endedAt: Timestamp,
    exitCode: z.number().int().min(-1).max(255).nullable().describe('null when a signal ended it'),
    outputTail: z.string().max(MAX_COMMAND_OUTPUT_CHARS).describe('The last lines of output (stdout and stderr)'),
    truncated: z.boolean().default(false).describe('The output was longer than what is sent'),
  })
  .strict();
export type RecordCommand = z.input<typeof RecordCommand>;

export const IncidentCommand = z.object({
  id: Id,
  command: z.string(),
  osUser: z.string(),
  user: IncidentPerson.nullable().describe('The Operable account that sent it'),
  host: z.string(),
  cwd: z.string(),
  startedAt: Timestamp,
  endedAt: Timestamp,
  exitCode: z.number().int().nullable(),
  outputTail: z.string().describe('Redacted by the admin’s patterns'),
  truncated: z.boolean(),
});
export type IncidentCommand = z.infer<typeof IncidentCommand>;
export const IncidentCommandList = z.object({ items: z.array(IncidentCommand) });

export const CommandRedaction = z.object({ id: Id, pattern: z.string(), description: z.string(), createdAt: Timestamp });
export const CommandRedactionList = z.object({ items: z.array(CommandRedaction) });
export const CommandRedactionInput = z
  .object({
    pattern: z.string().min(1).max(500).describe('A JavaScript regular expression; matches become [REDACTED]'),
    description: z.string().max(500).default(''),
  })
  .strict();

export const SUBSCRIBER_CHANNELS = ['email', 'webhook', 'slack'] as const;
export const IncidentSubscriber = z.object({
  id: Id,
  incidentId: Id.nullable(),
  serviceId: Id.nullable(),
  channel: z.enum(SUBSCRIBER_CHANNELS),
  address: z.string().describe('Email address, or the URL with its path hidden'),
  createdAt: Timestamp,
  canRemove: z.boolean().describe('The viewer may remove it: who subscribed, or an admin'),
});
export type IncidentSubscriber = z.infer<typeof IncidentSubscriber>;
export const IncidentSubscriberList = z.object({ items: z.array(IncidentSubscriber) });
export const SubscribeInput = z
  .object({
    channel: z.enum(SUBSCRIBER_CHANNELS),
    address: z.string().trim().min(1).max(2000).describe('Email address, webhook URL or Slack incoming-webhook URL'),
  })
  .strict();
/** A webhook subscriber's signing secret is shown once, here. */
export const CreatedSubscriber = IncidentSubscriber.extend({ secret: z.string().nullable() });

export const CompensatingAction = z.object({
  id: Id,
  serviceId: Id,
  name: z.string(),
  description: z.string(),
  kind: z.enum(['link', 'webhook']),
  url: z.string().describe('For webhooks only the host is shown'),
  createdAt: Timestamp,
});
export type CompensatingAction = z.infer<typeof CompensatingAction>;
export const CompensatingActionList = z.object({ items: z.array(CompensatingAction) });
export const CompensatingActionInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).default(''),
    kind: z.enum(['link', 'webhook']),
    url: z.url({ protocol: /^https?$/ }).max(2000),
  })
  .strict();
export const CreatedCompensatingAction = CompensatingAction.extend({ secret: z.string().nullable().describe('Webhook signing secret, shown once') });
export const RunCompensatingAction = z
  .object({ confirm: z.literal(true).describe('Must be true: running an action changes production') })
  .strict();
export const ActionRun = z.object({
  id: Id,
  actionId: Id.nullable(),
  name: z.string(),
  runBy: IncidentPerson.nullable(),
  startedAt: Timestamp,
  endedAt: Timestamp.nullable(),
  outcome: z.enum(['running', 'succeeded', 'failed', 'opened']),
  httpStatus: z.number().int().nullable(),
  error: z.string().nullable(),
  url: z.string().nullable().describe('For links: where to go'),
});
export type ActionRun = z.infer<typeof ActionRun>;
export const ActionParam = z.object({ id: z.union([Id, z.string().regex(/^#?\d{1,12}$/)]), actionId: Id });

export const WellbeingCheckin = z.object({
  id: Id,
  incidentId: Id,
  incidentNumber: z.number().int(),
  incidentTitle: z.string(),
  requestedAt: Timestamp,
  answeredAt: Timestamp.nullable(),
  stress: z.number().int().nullable(),
  sleepLostMinutes: z.number().int().nullable(),
  comment: z.string().nullable(),
  anonymous: z.boolean(),
});
export type WellbeingCheckin = z.infer<typeof WellbeingCheckin>;
export const WellbeingCheckinList = z.object({ items: z.array(WellbeingCheckin) });
export const AnswerCheckin = z
  .object({
    stress: z.number().int().min(1).max(5).describe('1 = calm … 5 = very stressful'),
    sleepLostMinutes: z.number().int().min(0).max(1440).default(0),
    comment: z.string().trim().max(4000).optional(),
    anonymous: z.boolean().default(false).describe('Count only in the team trend, never shown against your name'),
  })
  .strict();
export type AnswerCheckin = z.input<typeof AnswerCheckin>;

/** Team-level trend: weekly aggregates, never per person. */
export const WellbeingTrend = z.object({
  teamId: Id,
  weeks: z.array(
    z.object({
      weekStart: z.string().describe('Monday, YYYY-MM-DD (UTC)'),
      answers: z.number().int(),
      averageStress: z.number().nullable(),
      sleepLostMinutes: z.number().int().describe('Sum over answers'),
    }),
  ),
  /** Answers given with a name, for the team to read; anonymous ones are absent here. */
  named: z.array(
    z.object({ incidentNumber: z.number().int(), user: IncidentPerson, stress: z.number().int(), sleepLostMinutes: z.number().int(), comment: z.string().nullable(), answeredAt: Timestamp }),
  ),
});
export type WellbeingTrend = z.infer<typeof WellbeingTrend>;
export const WellbeingTrendQuery = z.object({ weeks: z.coerce.number().int().min(1).max(52).default(12) });

/** What the incident page offers to run, and what was run. */
export const IncidentActions = z.object({ actions: z.array(CompensatingAction), runs: z.array(ActionRun) });
export type IncidentActions = z.infer<typeof IncidentActions>;
