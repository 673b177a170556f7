import fc from 'fast-check';

/** JSON Schema as @nestjs/swagger writes it (the subset our DTOs use). */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  minimum?: number;
  maximum?: number;
  allOf?: Schema[];
}

const SQL = ["' OR '1'='1", "'; DROP TABLE users; --", '1; SELECT pg_sleep(10)', '$1', "\\'"];
const SCRIPT = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '{{7*7}}', '${7*7}'];
const BAD_DATES = [
  '2026-13-45T99:99:99Z',
  '0000-00-00T00:00:00Z',
  '+275760-09-13T00:00:00.000Z',
  '2026-02-30T10:00:00Z',
  '2027-02-29T10:00:00Z',
  '2026-12-01T15:00:00+23:59',
  '1899-12-31T23:59:59Z',
  '2026-12-01T15:00:00',
  'yesterday',
  '',
];
const BAD_UUIDS = [
  '00000000-0000-0000-0000-00000000000g',
  'not-a-uuid',
  '../../etc/passwd',
  '%00',
  '0'.repeat(4000),
];

/** Any hostile JSON value: wrong types, huge and strange strings, payloads, deep structures. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -0, 0.1),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.constantFrom(...SQL, ...SCRIPT, ...BAD_DATES, ...BAD_UUIDS, '\u0000', 'a\u0000b', '\ud800'),
  fc.integer({ min: 1_000, max: 60_000 }).map((n) => 'x'.repeat(n)),
  fc.array(fc.string(), { maxLength: 2_000 }),
  fc.integer({ min: 2, max: 1_000 }).map((depth) => {
    let value: unknown = 'deep';
    for (let i = 0; i < depth; i++) value = [value];
    return value;
  }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }),
  fc.constant({ __proto__: { admin: true } }),
  fc.constant({ constructor: { prototype: { admin: true } } }),
);

export function resolve(schema: Schema, components: Record<string, Schema>): Schema {
  if (schema.$ref) return resolve(components[schema.$ref.split('/').pop()!], components);
  if (schema.allOf?.length) {
    return schema.allOf.reduce<Schema>((merged, part) => {
      const resolved = resolve(part, components);
      return {
        ...merged,
        ...resolved,
        properties: { ...merged.properties, ...resolved.properties },
        required: [...(merged.required ?? []), ...(resolved.required ?? [])],
      };
    }, {});
  }
  return schema;
}

/** A plausible valid value for the schema, so a mutation tests one field at a time. */
export function plausible(
  schema: Schema,
  components: Record<string, Schema>,
): fc.Arbitrary<unknown> {
  const s = resolve(schema, components);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  switch (s.type) {
    case 'integer':
      return fc.integer({ min: s.minimum ?? 0, max: Math.min(s.maximum ?? 100, 10_000) });
    case 'number':
      return fc.integer({ min: 0, max: 100 });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(plausible(s.items ?? { type: 'string' }, components), { maxLength: 3 });
    case 'object': {
      const entries = Object.entries(s.properties ?? {}).map(
        ([k, v]) => [k, plausible(v, components)] as const,
      );
      return fc.record(Object.fromEntries(entries));
    }
    default:
      if (s.format === 'uuid') return fc.uuid();
      if (s.format === 'date-time') return fc.constant('2031-03-04T10:00:00Z');
      if (s.format === 'date') return fc.constant('2031-03-04');
      return fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 });
  }
}

/** A body for the schema with one hostile change: a field replaced, an extra field, or the whole body. */
export function hostileBody(
  schema: Schema,
  components: Record<string, Schema>,
): fc.Arbitrary<unknown> {
  const s = resolve(schema, components);
  const fields = Object.keys(s.properties ?? {});
  const base = plausible(s, components) as fc.Arbitrary<Record<string, unknown>>;
  return fc.oneof(
    hostileValue,
    fields.length
      ? fc
          .tuple(base, fc.constantFrom(...fields), hostileValue)
          .map(([body, field, value]) => ({ ...body, [field]: value }))
      : hostileValue,
    fc
      .tuple(base, fc.string({ minLength: 1, maxLength: 20 }), hostileValue)
      .map(([body, key, value]) => ({ ...body, [key]: value })),
  );
}
