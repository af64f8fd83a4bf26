import fc from 'fast-check';

/**
 * Arbitraries for fuzzing routes: bodies that mostly pass a route's schema (so they
 * reach the verb and the database) with hostile values mixed in: NULs, unpaired
 * surrogates, huge strings and numbers, deep nesting.
 */

/** Stand-ins replaced in the JSON text by what JSON.stringify cannot produce. */
const RAW: Record<string, string> = {
  '"__HUGE__"': '1e400',
  '"__LONGINT__"': '123456789012345678901234567890',
  '"__DEEP__"': `${'['.repeat(5000)}${']'.repeat(5000)}`,
  '"__NEGZERO__"': '-0',
};
const RAW_TOKENS = Object.keys(RAW).map((k) => JSON.parse(k) as string);

/** The request text for a generated body. */
export const toJsonText = (body: unknown) => Object.entries(RAW).reduce((text, [token, raw]) => text.replaceAll(token, raw), JSON.stringify(body) ?? 'null');

const poison = fc.constantFrom('\u0000', '\ud800', '\udfff', '\udbff\u0000');
/** A plausible string with a NUL or an unpaired surrogate somewhere in it. */
export const poisonedString = fc.tuple(fc.string({ maxLength: 8 }), poison, fc.string({ maxLength: 8 })).map(([a, p, b]) => `${a}${p}${b}`);

export const hostileString = fc.oneof(
  { weight: 4, arbitrary: poisonedString },
  { weight: 2, arbitrary: fc.string() },
  fc.constantFrom('', ' ', 'x'.repeat(100_000), '%00', '../../etc', '<script>', "'; drop table alerts; --", 'Mars/Olympus', '25:61', '+275760-09-13T00:00:00.000Z'),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

const hostileScalar = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  fc.integer(),
  fc.double(),
  fc.constantFrom(...RAW_TOKENS, Number.MAX_SAFE_INTEGER + 2, -1, 0, 2 ** 31, 1e308),
  fc.boolean(),
  fc.constant(null),
);

export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, hostileScalar, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(hostileString, tie('value'), { maxKeys: 4 }),
})).value;

/** A JSON-schema subset, as in the OpenAPI document. */
export interface Schema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: Schema | boolean;
}

export interface SchemaOptions {
  /** Real ids to use where a uuid is expected, so bodies reach past "no such …". */
  ids: readonly string[];
}

/** Mostly valid for `schema`, poisoned here and there; a few bodies are hostile through and through. */
export function fromSchema(schema: Schema | undefined, o: SchemaOptions, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return hostileValue;
  const valid = validFor(schema, o, depth);
  return fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: hostileValue });
}

function validFor(s: Schema, o: SchemaOptions, depth: number): fc.Arbitrary<unknown> {
  const branches = s.anyOf ?? s.oneOf;
  if (branches?.length) return fc.oneof(...branches.map((b) => fromSchema(b, o, depth + 1)));
  if (s.allOf?.length) return fromSchema(Object.assign({}, ...s.allOf), o, depth + 1);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      if (s.format === 'uuid') return fc.oneof(fc.constantFrom(...o.ids), fc.uuid());
      if (s.format === 'date-time') return fc.constantFrom('2026-03-03T10:00:00Z', '2026-03-03T11:00:00.000Z', '9999-12-31T23:59:59Z');
      if (s.format === 'email') return fc.oneof(fc.emailAddress(), poisonedString.map((p) => `a${p}@b.test`));
      if (s.format === 'uri') return fc.oneof(fc.webUrl(), poisonedString.map((p) => `https://example.com/${p}`));
      return fc.oneof({ weight: 3, arbitrary: poisonedString }, fc.string({ minLength: 1, maxLength: 20 }));
    case 'integer':
      return fc.integer({ min: s.minimum ?? -10, max: s.maximum ?? 10_000 });
    case 'number':
      return fc.double({ min: s.minimum ?? -10, max: s.maximum ?? 10_000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(fromSchema(s.items, o, depth + 1), { maxLength: 3 });
    case 'object': {
      const props = Object.entries(s.properties ?? {});
      const required = new Set(s.required ?? []);
      if (!props.length) {
        const values = typeof s.additionalProperties === 'object' ? fromSchema(s.additionalProperties, o, depth + 1) : hostileValue;
        return fc.dictionary(fc.oneof(poisonedString, fc.string({ minLength: 1, maxLength: 12 })), values, { maxKeys: 3 });
      }
      return fc.record(Object.fromEntries(props.map(([k, p]) => [k, fromSchema(p, o, depth + 1)])), { requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)) });
    }
    default:
      return hostileValue;
  }
}

/** Any JSON value, small, whose strings and keys come from `text`. */
export function jsonValue(text: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  return fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      text,
      fc.boolean(),
      fc.constant(null),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(text, tie('value'), { maxKeys: 4 }),
    ),
  })).value;
}
