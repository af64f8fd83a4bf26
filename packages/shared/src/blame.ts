/**
 * Blame-aware writing help for post-mortems: names may appear, guilt does not.
 *
 * A sentence is flagged when it names a person (someone from the incident, or an
 * @mention) together with a blaming phrase from a small list. A blaming phrase on
 * its own ("the deploy failed to finish") is a description of a system, not blame,
 * so it passes. Pure and dependency-free: the server checks stored sections with it
 * and the editor runs it on every keystroke.
 */

export interface BlameHint {
  /** The sentence as written (trimmed). */
  sentence: string;
  /** Offsets of the sentence in the checked text, [start, end). */
  start: number;
  end: number;
  /** The blaming phrase found, as written in the text. */
  phrase: string;
  /** The person the sentence names, as written. */
  person: string;
  /** A systems framing to consider instead. */
  suggestion: string;
}

interface BlameRule {
  pattern: RegExp;
  suggestion: string;
}

const OMISSION =
  'Ask what made the step easy to miss: was it in the runbook, checked by a tool, or visible when it mattered? e.g. "The deploy checklist had no step for the cache flush."';
const HINDSIGHT =
  'Describe what was known at the time and why the path taken made sense then, e.g. "The dashboard showed normal latency, so the rollback looked unnecessary."';
const JUDGEMENT =
  'Describe the conditions instead of the person: workload, time of night, tooling, missing guard rails, e.g. "The script ran against production without a confirmation prompt."';

/**
 * The word list. Each entry is a whole-word pattern (case-insensitive); apostrophes
 * may be straight or curly. Kept short on purpose: every entry must be blame in
 * almost any sentence that also names a person.
 */
export const BLAME_RULES: readonly BlameRule[] = [
  { pattern: /\bfail(?:ed|s)? to\b/i, suggestion: OMISSION },
  { pattern: /\bforg(?:ot|otten|ets?)\b/i, suggestion: OMISSION },
  { pattern: /\bneglect(?:ed|s)?\b/i, suggestion: OMISSION },
  { pattern: /\bignor(?:ed|es)\b/i, suggestion: OMISSION },
  { pattern: /\bdid(?:n['’]t| not) bother\b/i, suggestion: OMISSION },
  { pattern: /\bshould(?:['’]ve| have| not have|n['’]t have)\b/i, suggestion: HINDSIGHT },
  { pattern: /\bcould(?:['’]ve| have) (?:avoided|prevented|known)\b/i, suggestion: HINDSIGHT },
  { pattern: /\bwas supposed to\b/i, suggestion: HINDSIGHT },
  { pattern: /\bcareless(?:ly|ness)?\b/i, suggestion: JUDGEMENT },
  { pattern: /\bnegligen(?:t|tly|ce)\b/i, suggestion: JUDGEMENT },
  { pattern: /\bsloppy\b/i, suggestion: JUDGEMENT },
  { pattern: /\blazy\b/i, suggestion: JUDGEMENT },
  { pattern: /\bincompetent\b/i, suggestion: JUDGEMENT },
  { pattern: /\b(?:messed|screwed) up\b/i, suggestion: JUDGEMENT },
  { pattern: /\bhuman error\b/i, suggestion: JUDGEMENT },
  { pattern: /\b(?:(?:his|her|their) fault|fault of)\b/i, suggestion: JUDGEMENT },
  { pattern: /\bto blame\b/i, suggestion: JUDGEMENT },
];

/** The phrases the list looks for, for help texts. */
export const BLAME_PHRASES = [
  'failed to',
  'forgot',
  'neglected',
  'ignored',
  "didn't bother",
  'should have',
  'could have avoided',
  'was supposed to',
  'careless',
  'negligent',
  'sloppy',
  'lazy',
  'incompetent',
  'messed up',
  'human error',
  'their fault',
  'to blame',
] as const;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Sentences with their offsets: split after . ! ? or a line break (list items and headings are sentences too). */
export function sentences(text: string): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  const re = /[^.!?\n]+(?:[.!?]+(?=\s|$)|[.!?]+|$)?/g;
  for (const m of text.matchAll(re)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (!trimmed) continue;
    const start = m.index + lead;
    out.push({ text: trimmed, start, end: start + trimmed.length });
  }
  return out;
}

/** Matches any of `names` as whole words; longest first, so "Ana Lima" is reported rather than "Ana". */
function nameMatcher(patterns: string[], flags: string, literal: string[]): RegExp {
  const alternatives = patterns.map((p) => (literal.includes(p) ? escape(p) : p)).sort((a, b) => b.length - a.length);
  return new RegExp(`(?:^|[^\\p{L}\\p{N}_])(${alternatives.join('|')})(?=$|[^\\p{L}\\p{N}_])`, flags);
}

/**
 * Finds blame: one hint per sentence that names a person and uses a blaming phrase.
 * `people` are names to look for (full names; first names are looked for too when
 * at least 3 letters long); `@handles` always count as a person.
 */
export function findBlame(text: string, people: readonly string[]): BlameHint[] {
  const names = new Set<string>();
  const short = new Set<string>();
  for (const p of people) {
    const full = p.trim();
    if (full.length >= 2) names.add(full);
    const first = full.split(/\s+/)[0] ?? '';
    // "Bo" or "Li" count only as written (capitalized), so "bo" or "li" in a word list does not.
    if (first.length >= 3) names.add(first);
    else if (first.length === 2 && first !== full) short.add(first);
  }
  const person = nameMatcher([...names, '@[\\p{L}\\p{N}_.-]+'], 'iu', [...names]);
  const shortPerson = short.size ? nameMatcher([...short], 'u', [...short]) : null;
  const hints: BlameHint[] = [];
  for (const s of sentences(text)) {
    const named = person.exec(s.text) ?? shortPerson?.exec(s.text);
    if (!named) continue;
    for (const rule of BLAME_RULES) {
      const hit = rule.pattern.exec(s.text);
      if (!hit) continue;
      hints.push({ sentence: s.text, start: s.start, end: s.end, phrase: hit[0], person: named[1]!, suggestion: rule.suggestion });
      break;
    }
  }
  return hints;
}
