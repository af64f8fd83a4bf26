/**
 * The sections of a post-mortem document, in order. The first four are drafted from
 * the incident; the rest start empty with a prompt, because only people can write them.
 */
export const POSTMORTEM_SECTIONS = [
  { key: 'summary', title: 'Summary', prompt: 'What happened, in two or three sentences a newcomer understands.' },
  { key: 'impact', title: 'Impact', prompt: 'Who was affected, for how long, and how badly.' },
  { key: 'timeline', title: 'Timeline', prompt: 'What happened when, told by the people who acted.' },
  { key: 'commands', title: 'Commands run and compensating actions', prompt: 'What was run and switched during the response.' },
  {
    key: 'contributing_factors',
    title: 'Contributing factors',
    prompt: 'Which conditions made this possible? Look for several, not one root cause: tooling, load, defaults, missing checks.',
  },
  { key: 'went_well', title: 'What went well', prompt: 'What helped: alerts that fired, runbooks that worked, people who stepped in.' },
  { key: 'went_wrong', title: 'What went wrong', prompt: 'Where the system (tools, process, information) made the response harder.' },
  { key: 'lucky', title: 'Where we got lucky', prompt: 'What could have made this much worse and did not, by chance.' },
] as const;

export type PostmortemSectionKey = (typeof POSTMORTEM_SECTIONS)[number]['key'];
export const POSTMORTEM_SECTION_KEYS = POSTMORTEM_SECTIONS.map((s) => s.key) as unknown as readonly [PostmortemSectionKey, ...PostmortemSectionKey[]];

export const POSTMORTEM_STATES = ['draft', 'in_review', 'reviewed', 'closed'] as const;
export type PostmortemStateName = (typeof POSTMORTEM_STATES)[number];

/**
 * Which state changes are allowed: forward one step at a time, and back one step
 * (more work needed after review, a closed post-mortem reopened).
 */
export const POSTMORTEM_TRANSITIONS: Record<PostmortemStateName, readonly PostmortemStateName[]> = {
  draft: ['in_review'],
  in_review: ['draft', 'reviewed'],
  reviewed: ['in_review', 'closed'],
  closed: ['reviewed'],
};

export const ACTION_ITEM_TYPES = ['mitigate', 'prevent', 'detect', 'process'] as const;
export const ACTION_ITEM_PRIORITIES = ['high', 'medium', 'low'] as const;
export const ACTION_ITEM_STATUSES = ['open', 'in_progress', 'done', 'wont_do'] as const;
export const FOLLOW_UP_DECISIONS = ['keep', 'close', 'replan'] as const;
