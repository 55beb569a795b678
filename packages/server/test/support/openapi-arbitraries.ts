import fc from 'fast-check';

/** The part of JSON Schema the API's OpenAPI document uses (zod 4's output). */
export interface JsonSchema {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
}

const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

/** Text a careless server chokes on: Khmer with subscripts, combining marks, NUL, lone surrogates, bidi, injection. */
export const oddText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'សុខ ដារា',
    'ក្ស្ម៉ឹ៍',
    '\u0000',
    'a\u0000b',
    '\uD800',
    'x\uDFFF',
    'e\u0301\u0301\u0301\u0301',
    '\u202Egnp.exe',
    '\uFEFF',
    '👩‍👧‍👦',
    "'; drop table child_case; --",
    '\\',
    '%00',
    '../../etc/passwd',
    '__proto__',
    ' ',
    '',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

/** Dates that match YYYY-MM-DD, as the document says, yet are no day at all or far outside any case's life. */
export const impossibleDate = fc.constantFrom(
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  '0000-00-00',
  '9999-99-99',
  '2025-02-29',
  '0001-01-01',
  '9999-12-31',
);

const plausibleDate = fc
  .date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

export class SchemaArbitraries {
  constructor(
    private readonly components: Record<string, JsonSchema>,
    /**
     * Real ids and codes (a case, a village): a string field whose pattern one of them matches often gets
     * it, so a body gets past the checks a random string fails (the gazetteer, the organisation) into deeper code.
     */
    private readonly knownValues: string[],
  ) {}

  private resolve(schema: JsonSchema): JsonSchema {
    if (!schema.$ref) return schema;
    const target = this.components[schema.$ref.split('/').pop() ?? ''];
    if (!target) throw new Error(`Unresolved $ref ${schema.$ref}`);
    return this.resolve(target);
  }

  private matching(pattern: RegExp, fallback: fc.Arbitrary<string>): fc.Arbitrary<string> {
    const known = this.knownValues.filter((value) => pattern.test(value));
    return known.length ? fc.oneof({ arbitrary: fc.constantFrom(...known), weight: 3 }, fallback) : fallback;
  }

  /** A value the schema accepts, built from nasty but legal material (Khmer, combining marks, NUL, surrogates). */
  valid(input: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
    const schema = this.resolve(input);
    const value = this.validOfType(schema, depth);
    return schema.nullable ? fc.oneof(value, fc.constant(null)) : value;
  }

  private validOfType(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
    const branches = schema.oneOf ?? schema.anyOf;
    if (branches) return fc.oneof(...branches.map((branch) => this.valid(branch, depth + 1)));
    if (schema.enum) return fc.constantFrom(...schema.enum);
    switch (schema.type) {
      case 'string':
        return this.validString(schema);
      case 'integer':
      case 'number': {
        const min = schema.minimum ?? -1000;
        const max = schema.maximum ?? Math.max(min, 1000);
        return schema.type === 'integer'
          ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
          : fc.double({ min, max, noNaN: true });
      }
      case 'boolean':
        return fc.boolean();
      case 'array': {
        const min = schema.minItems ?? 0;
        return fc.array(this.valid(schema.items ?? {}, depth + 1), {
          minLength: min,
          maxLength: Math.min(schema.maxItems ?? min + 3, min + 3),
        });
      }
      case 'object': {
        if (depth > 6 || !schema.properties) return fc.constant({});
        const props = schema.properties;
        return fc.record(
          Object.fromEntries(Object.entries(props).map(([key, prop]) => [key, this.valid(prop, depth + 1)])),
          { requiredKeys: (schema.required ?? []).filter((key) => key in props) },
        );
      }
      case 'null':
      case undefined:
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  }

  private validString(schema: JsonSchema): fc.Arbitrary<string> {
    if (schema.pattern === DATE_PATTERN) return plausibleDate;
    if (schema.pattern) {
      const pattern = new RegExp(schema.pattern);
      return this.matching(pattern, schema.format === 'uuid' ? fc.uuid() : fc.stringMatching(pattern));
    }
    const minLength = schema.minLength ?? 0;
    const maxLength = Math.min(schema.maxLength ?? 60, Math.max(minLength, 60));
    return fc.oneof(oddText, fc.string({ minLength, maxLength })).filter((text) => {
      const length = [...text].length;
      return length >= minLength && text.length <= (schema.maxLength ?? Infinity) && length <= maxLength;
    });
  }

  /** A value the schema refuses: one spot of it wrong in type, range, length, code, or missing. */
  invalid(input: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
    const schema = this.resolve(input);
    const wrongType = fc.oneof(
      fc.constantFrom<unknown>(true, 0, -1, 1e308, '', 'x', [], {}, [null]),
      ...(schema.nullable ? [] : [fc.constant(null)]),
    );
    const specific = this.invalidOfType(schema, depth);
    return specific ? fc.oneof({ arbitrary: wrongType, weight: 1 }, { arbitrary: specific, weight: 3 }) : wrongType;
  }

  private invalidOfType(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> | undefined {
    const branches = schema.oneOf ?? schema.anyOf;
    if (branches) return fc.oneof(...branches.map((branch) => this.invalid(branch, depth + 1)));
    if (schema.enum) return fc.constantFrom('not_a_code', 'TL ', 'ZZ', 'Female', '');
    switch (schema.type) {
      case 'string':
        return this.invalidString(schema);
      case 'integer':
      case 'number': {
        const out = [schema.minimum, schema.maximum]
          .filter((n): n is number => n !== undefined)
          .flatMap((n) => [n - 1, n + 1]);
        return fc.constantFrom<unknown>(
          ...out,
          '12',
          -1e308,
          2 ** 53 + 2,
          ...(schema.type === 'integer' ? [1.5, 2 ** 31, -(2 ** 31) - 1] : []),
        );
      }
      case 'boolean':
        return fc.constantFrom('true', 1, 'yes');
      case 'array': {
        const tooMany = schema.maxItems
          ? [fc.array(this.valid(schema.items ?? {}, depth + 1), { minLength: schema.maxItems + 1 })]
          : [];
        return fc.oneof(
          fc.array(this.invalid(schema.items ?? {}, depth + 1), { minLength: 1, maxLength: 3 }),
          ...(schema.minItems ? [fc.constant([])] : []),
          ...tooMany,
        );
      }
      case 'object':
        return this.invalidObject(schema, depth);
      case 'null':
      case undefined:
      default:
        return undefined;
    }
  }

  private invalidString(schema: JsonSchema): fc.Arbitrary<unknown> {
    const options: fc.Arbitrary<unknown>[] = [fc.constantFrom('a'.repeat(100_000), 'ស'.repeat(5_000))];
    if (schema.maxLength !== undefined) options.push(fc.constant('x'.repeat(schema.maxLength + 1)));
    if (schema.minLength) options.push(fc.constant(''));
    if (schema.format === 'uuid') options.push(fc.constantFrom('not-a-uuid', '00000000-0000-0000-0000', 'ដារា'));
    if (schema.pattern === DATE_PATTERN) options.push(impossibleDate);
    if (schema.pattern) {
      const pattern = new RegExp(schema.pattern);
      options.push(oddText.filter((text) => !pattern.test(text)));
    }
    return fc.oneof(...options);
  }

  private invalidObject(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> | undefined {
    const props = schema.properties ?? {};
    const keys = Object.keys(props);
    const required = (schema.required ?? []).filter((key) => key in props);
    const whole = this.valid(schema, depth) as fc.Arbitrary<Record<string, unknown>>;
    const options: fc.Arbitrary<unknown>[] = [];
    if (required.length) {
      options.push(
        fc
          .tuple(whole, fc.constantFrom(...required))
          .map(([value, missing]) => Object.fromEntries(Object.entries(value).filter(([key]) => key !== missing))),
      );
    }
    if (keys.length && depth <= 6) {
      options.push(
        fc.constantFrom(...keys).chain((key) =>
          fc.tuple(whole, fc.constant(key), this.invalid(props[key] ?? {}, depth + 1)).map(([value, k, bad]) => ({
            ...value,
            [k]: bad,
          })),
        ),
      );
    }
    return options.length ? fc.oneof(...options) : undefined;
  }
}
