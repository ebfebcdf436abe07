// A compact, hand-written subset of the nbformat 4.5 JSON schema (nbformat.v4.5.schema.json):
// the required fields of the notebook, its metadata, the three cell types and the four output
// types, with additionalProperties closed where the real schema closes them. Plus a minimal
// validator for the keywords it uses. Nothing is fetched.

export type Schema = {
  $ref?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'null' | 'boolean' | ('object' | 'array' | 'string' | 'integer' | 'null' | 'boolean')[];
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  patternProperties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  oneOf?: Schema[];
};

const multiline: Schema = { type: ['string', 'array'], items: { type: 'string' } };
const mimebundle: Schema = {
  type: 'object',
  additionalProperties: false,
  patternProperties: { '^(?!.*\\+json$)[^/]+/[^/]+$': multiline, '^.*\\+json$': {}, '^application/json$': {} },
};

export const NBFORMAT_4_5: Schema & { definitions: Record<string, Schema> } = {
  type: 'object',
  required: ['metadata', 'nbformat_minor', 'nbformat', 'cells'],
  additionalProperties: false,
  properties: {
    metadata: {
      type: 'object',
      properties: {
        kernelspec: {
          type: 'object',
          required: ['name', 'display_name'],
          properties: { name: { type: 'string' }, display_name: { type: 'string' } },
        },
        language_info: {
          type: 'object',
          required: ['name'],
          properties: { name: { type: 'string' } },
        },
      },
    },
    nbformat_minor: { type: 'integer', minimum: 5 },
    nbformat: { type: 'integer', minimum: 4, enum: [4] },
    cells: { type: 'array', items: { $ref: 'cell' } },
  },
  definitions: {
    cell: { oneOf: [{ $ref: 'raw_cell' }, { $ref: 'markdown_cell' }, { $ref: 'code_cell' }] },
    cell_id: { type: 'string', pattern: '^[a-zA-Z0-9-_]+$', minLength: 1, maxLength: 64 },
    raw_cell: {
      type: 'object',
      required: ['id', 'cell_type', 'metadata', 'source'],
      additionalProperties: false,
      properties: { id: { $ref: 'cell_id' }, cell_type: { enum: ['raw'] }, metadata: { type: 'object' }, attachments: { type: 'object' }, source: multiline },
    },
    markdown_cell: {
      type: 'object',
      required: ['id', 'cell_type', 'metadata', 'source'],
      additionalProperties: false,
      properties: { id: { $ref: 'cell_id' }, cell_type: { enum: ['markdown'] }, metadata: { type: 'object' }, attachments: { type: 'object' }, source: multiline },
    },
    code_cell: {
      type: 'object',
      required: ['id', 'cell_type', 'metadata', 'source', 'outputs', 'execution_count'],
      additionalProperties: false,
      properties: {
        id: { $ref: 'cell_id' },
        cell_type: { enum: ['code'] },
        metadata: { type: 'object' },
        source: multiline,
        outputs: { type: 'array', items: { $ref: 'output' } },
        execution_count: { type: ['integer', 'null'], minimum: 0 },
      },
    },
    output: { oneOf: [{ $ref: 'execute_result' }, { $ref: 'display_data' }, { $ref: 'stream' }, { $ref: 'error' }] },
    execute_result: {
      type: 'object',
      required: ['output_type', 'data', 'metadata', 'execution_count'],
      additionalProperties: false,
      properties: {
        output_type: { enum: ['execute_result'] },
        execution_count: { type: ['integer', 'null'], minimum: 0 },
        data: mimebundle,
        metadata: { type: 'object' },
      },
    },
    display_data: {
      type: 'object',
      required: ['output_type', 'data', 'metadata'],
      additionalProperties: false,
      properties: { output_type: { enum: ['display_data'] }, data: mimebundle, metadata: { type: 'object' }, transient: { type: 'object' } },
    },
    stream: {
      type: 'object',
      required: ['output_type', 'name', 'text'],
      additionalProperties: false,
      properties: { output_type: { enum: ['stream'] }, name: { type: 'string' }, text: multiline },
    },
    error: {
      type: 'object',
      required: ['output_type', 'ename', 'evalue', 'traceback'],
      additionalProperties: false,
      properties: {
        output_type: { enum: ['error'] },
        ename: { type: 'string' },
        evalue: { type: 'string' },
        traceback: { type: 'array', items: { type: 'string' } },
      },
    },
  },
};

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The list of problems (empty when `value` is valid), each with a JSON-pointer-ish path. */
export function validate(value: unknown, schema: Schema = NBFORMAT_4_5, path = '', root = NBFORMAT_4_5): string[] {
  if (schema.$ref) {
    const target = root.definitions[schema.$ref];
    if (!target) return [`${path}: unknown $ref ${schema.$ref}`];
    return validate(value, target, path, root);
  }
  const errors: string[] = [];
  if (schema.oneOf) {
    const passing = schema.oneOf.filter((s) => validate(value, s, path, root).length === 0).length;
    if (passing !== 1) errors.push(`${path}: matches ${passing} of oneOf (expected exactly 1)`);
    return errors;
  }
  if (schema.type) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.includes(typeOf(value) as never)) return [`${path}: expected ${types.join('|')}, got ${typeOf(value)}`];
  }
  if (schema.enum && !schema.enum.some((e) => e === value)) errors.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if (typeof value === 'string') {
    if (schema.pattern && !new RegExp(schema.pattern).test(value)) errors.push(`${path}: does not match ${schema.pattern}`);
    if (schema.minLength !== undefined && value.length < schema.minLength) errors.push(`${path}: too short`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) errors.push(`${path}: too long`);
  }
  if (typeof value === 'number' && schema.minimum !== undefined && value < schema.minimum) errors.push(`${path}: below ${schema.minimum}`);
  if (Array.isArray(value) && schema.items) value.forEach((item, i) => errors.push(...validate(item, schema.items!, `${path}/${i}`, root)));
  if (typeOf(value) === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in record)) errors.push(`${path}: missing ${key}`);
    for (const [key, child] of Object.entries(record)) {
      const sub = `${path}/${key}`;
      if (schema.properties?.[key]) {
        errors.push(...validate(child, schema.properties[key], sub, root));
        continue;
      }
      const patterns = Object.entries(schema.patternProperties ?? {}).filter(([p]) => new RegExp(p).test(key));
      if (patterns.length > 0) {
        for (const [, s] of patterns) errors.push(...validate(child, s, sub, root));
        continue;
      }
      if (schema.additionalProperties === false) errors.push(`${sub}: additional property not allowed`);
      else if (typeof schema.additionalProperties === 'object') errors.push(...validate(child, schema.additionalProperties, sub, root));
    }
  }
  return errors;
}
