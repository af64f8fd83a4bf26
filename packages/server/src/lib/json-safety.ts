/**
 * JSON that PostgreSQL can store and our code can walk. PostgreSQL refuses NUL in
 * text and jsonb and an unpaired UTF-16 surrogate in jsonb; JSON.stringify and every
 * recursive walk (zod included) overflow the stack on deep nesting. Senders' events
 * are kept with such characters replaced (an alert must not be lost for one byte);
 * API bodies are refused naming the field. Every walk here is iterative.
 */

export const MAX_JSON_DEPTH = 64;
const REPLACEMENT = '\uFFFD';

/**
 * The deepest nesting of arrays and objects in a JSON text, read without parsing
 * (so a hostile body never reaches a recursive parser); stops counting past `limit`.
 */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max && (max = depth) > limit) return max;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return max;
}

/** A NUL or an unpaired surrogate can only reach a parsed value through a \u escape. */
const SUSPECT_ESCAPE = /\\u(?:0000|[dD][89a-fA-F])/;

/** True when the JSON text may hold a string PostgreSQL cannot store: the cheap test before a walk. */
export function mayHoldUnstorable(text: string): boolean {
  return SUSPECT_ESCAPE.test(text);
}

export const storable = (s: string): boolean => !s.includes('\0') && s.isWellFormed();
/** The text with NUL and unpaired surrogates replaced by U+FFFD. */
export const storableText = (s: string): string => (storable(s) ? s : s.replaceAll('\0', REPLACEMENT).toWellFormed());

/** Where a value sits, as a chain to its parent: copying a path per level would cost O(depth²). */
interface Place {
  up: Place | null;
  key: string | number;
}
const pathOf = (place: Place | null): string => {
  const keys: (string | number)[] = [];
  for (let p = place; p; p = p.up) keys.push(p.key);
  return keys.reverse().join('.');
};

type Visit = (s: string, place: Place | null) => string | undefined;

/** Visits every string (keys included) of a parsed JSON value, depth first, without recursion. */
function walk(root: unknown, visit: Visit): unknown {
  const holder: Record<string, unknown> = { root };
  const stack: { parent: Record<string | number, unknown>; key: string | number; place: Place | null }[] = [{ parent: holder, key: 'root', place: null }];
  while (stack.length) {
    const { parent, key, place } = stack.pop()!;
    const value = parent[key];
    if (typeof value === 'string') {
      const next = visit(value, place);
      if (next !== undefined) parent[key] = next;
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ parent: value as unknown as Record<number, unknown>, key: i, place: { up: place, key: i } });
    } else if (value !== null && typeof value === 'object') {
      const object = value as Record<string, unknown>;
      const keys = Object.keys(object);
      const names = keys.map((k) => visit(k, { up: place, key: k }) ?? k);
      if (names.some((n, i) => n !== keys[i])) renameInOrder(object, keys, names);
      for (let i = names.length - 1; i >= 0; i--) stack.push({ parent: object, key: names[i]!, place: { up: place, key: names[i]! } });
    }
  }
  return holder.root;
}

/**
 * Renames keys in place, the sender's order kept: a key renamed alone would move to the
 * end, so every key is set again in order. Defined, not assigned: a sender's
 * "__proto__" key stays a key instead of becoming the object's prototype.
 */
function renameInOrder(object: Record<string, unknown>, keys: string[], names: string[]): void {
  const values = keys.map((k) => object[k]);
  for (const k of keys) delete object[k];
  names.forEach((name, i) => Object.defineProperty(object, name, { value: values[i], writable: true, enumerable: true, configurable: true }));
}

/** The parsed value with NUL and unpaired surrogates replaced by U+FFFD (in place). */
export function makeStorable<T>(value: T): T {
  return walk(value, (s) => (storable(s) ? undefined : storableText(s))) as T;
}

/** The dotted path of the first string (or key) PostgreSQL could not store, or null. */
export function firstUnstorable(value: unknown): string | null {
  let found: string | null = null;
  walk(value, (s, place) => {
    if (found === null && !storable(s)) found = place ? pathOf(place) : 'body';
    return undefined;
  });
  return found;
}
