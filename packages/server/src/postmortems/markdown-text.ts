/**
 * Writing data (titles, names, timeline text) into Markdown so it reads as written:
 * characters Markdown would take as formatting are escaped. Safety is not the aim
 * here (every rendering is sanitized); fidelity is.
 */

/** Text on one line inside a paragraph or list item. */
export function inline(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .trim();
}

/** A code span that survives backticks inside it (CommonMark: a longer fence, padded when it touches a backtick). */
export function codeSpan(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
