/**
 * Writes src/adapters/http/wire.ts and wire-moderators.ts: the JSON Schema of every response schema in
 * src/adapters/http/schemas.ts, which HttpAdapter checks responses against in the browser (see check.ts).
 *
 *   npm run wire            writes the file
 *   npm run wire -- --check fails when the file is not what the schemas give (test/node/wire.test.ts does the same)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as z from 'zod/mini';
import * as s from '../src/adapters/http/schemas.js';
import { namedSchemas, override } from '../src/server/openapi.js';

export const WIRE_FILE = new URL('../src/adapters/http/wire.ts', import.meta.url);

type Json = Record<string, unknown>;
const KEYWORDS = new Set(['type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'items', 'anyOf', '$ref', 'pattern', 'description', 'id']);

/** Refuses a keyword check.ts does not know, or a schema that checks nothing, so no rule is dropped on the way. */
function audit(schema: unknown, where: string): void {
  if (typeof schema !== 'object' || schema === null) return;
  if (Array.isArray(schema)) return schema.forEach((item, i) => audit(item, `${where}.${i}`));
  const keys = Object.keys(schema);
  if (!keys.length) throw new Error(`wire schema ${where} checks nothing (a z.custom without an override in src/server/openapi.ts?)`);
  for (const key of keys) if (!KEYWORDS.has(key)) throw new Error(`wire schema ${where} uses "${key}", which src/adapters/http/check.ts does not check`);
  const { properties, items, anyOf, additionalProperties } = schema as Json;
  for (const [name, value] of Object.entries((properties as Json | undefined) ?? {})) audit(value, `${where}.${name}`);
  if (items) audit(items, `${where}[]`);
  if (anyOf) audit(anyOf, `${where}|`);
  if (additionalProperties && typeof additionalProperties === 'object') audit(additionalProperties, `${where}{}`);
}

/** Drops what the browser does not need (descriptions, registry ids) from a schema; field names stay. */
function lean(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(lean);
  if (typeof schema !== 'object' || schema === null) return schema;
  const kept: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'description' || key === 'id') continue;
    kept[key] = key === 'properties' || key === '$defs' ? Object.fromEntries(Object.entries(value as Json).map(([name, field]) => [name, lean(field)])) : key === 'enum' || key === 'const' || key === 'required' ? value : lean(value);
  }
  return kept;
}

const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const key = (name: string) => (IDENTIFIER.test(name) ? name : JSON.stringify(name));
const SHORT: [string, Json][] = [['S', { type: 'string' }], ['N', { type: 'number' }], ['B', { type: 'boolean' }], ['SN', { type: ['string', 'null'] }], ['NN', { type: ['number', 'null'] }]];

/**
 * A schema as TypeScript in check.ts's shorthand (S, o(…), a(…), r(…)…), which builds the same JSON
 * Schema at run time; whatever the shorthand does not cover is written out as an object literal.
 */
export function compact(schema: unknown): string {
  if (Array.isArray(schema)) return `[${schema.map(compact).join(',')}]`;
  if (typeof schema !== 'object' || schema === null) return JSON.stringify(schema);
  const json = schema as Json;
  const keys = Object.keys(json).sort().join();
  for (const [name, short] of SHORT) if (same(json, short)) return name;
  if (keys === '$ref' && typeof json.$ref === 'string' && json.$ref.startsWith('#/$defs/')) return `r(${JSON.stringify(json.$ref.slice(8))})`;
  if (keys === 'items,type' && json.type === 'array') return `a(${compact(json.items)})`;
  if (keys === 'enum,type' && json.type === 'string' && (json.enum as unknown[]).every((v) => typeof v === 'string')) return `e(${(json.enum as string[]).map((v) => JSON.stringify(v)).join(',')})`;
  const anyOf = json.anyOf as unknown[] | undefined;
  if (keys === 'anyOf' && anyOf?.length === 2 && same(anyOf[1], { type: 'null' })) return `n(${compact(anyOf[0])})`;
  if ((keys === 'properties,type' || keys === 'properties,required,type') && json.type === 'object') {
    const names = Object.keys(json.properties as Json);
    const required = (json.required as string[] | undefined) ?? [];
    const optional = names.filter((name) => !required.includes(name));
    // o() requires the properties not named optional, in their order, and leaves `required` out when there are none.
    const fits = same(required, names.filter((name) => required.includes(name))) && (json.required === undefined) === (required.length === 0) && !optional.some((name) => name.includes(' '));
    if (fits) return `o(${fields(json.properties)}${optional.length ? `,${JSON.stringify(optional.join(' '))}` : ''})`;
  }
  return `{${Object.entries(json).map(([name, value]) => `${key(name)}:${name === 'properties' || name === '$defs' ? fields(value) : name === 'enum' || name === 'const' || name === 'required' ? JSON.stringify(value) : compact(value)}`).join(',')}}`;
}

/** An object of schemas by name (properties, definitions), each in the shorthand. */
const fields = (schemas: unknown) => `{${Object.entries(schemas as Json).map(([name, schema]) => `${key(name)}:${compact(schema)}`).join(',')}}`;

/** The shorthand names a generated body uses, for its import line. */
const uses = (body: string) => ['a', 'B', 'e', 'n', 'N', 'NN', 'o', 'r', 'S', 'SN'].filter((name) => new RegExp(`[^\\w$."]${name}[(,})\\]]`).test(body));

/** Responses only moderators' elements read: their schemas load with those calls, not in every visitor's page. */
const forModerators = (name: string) => /^(moderat|audit|insights)/.test(name);

/** The `$defs` names a schema refers to, followed through the definitions themselves. */
function reachable(schemas: unknown[], defs: Record<string, Json>): Set<string> {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (typeof value !== 'object' || value === null) return;
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') {
        const name = item.slice(item.lastIndexOf('/') + 1);
        if (!found.has(name)) {
          found.add(name);
          walk(defs[name]);
        }
      } else walk(item);
    }
  };
  schemas.forEach(walk);
  return found;
}

/** The response schemas as lean JSON Schema: one per root (live events as `event:<type>`), and the shared definitions. */
export function wireJsonSchemas() {
  const roots = Object.entries(s).filter(([, value]) => typeof value === 'object' && value !== null && '_zod' in value) as [string, z.ZodMiniType][];
  const events = Object.entries(s.liveEvents) as [string, z.ZodMiniType][];
  const { registry } = namedSchemas();
  const all = z.object(Object.fromEntries([...roots, ...events.map(([type, schema]) => [`event:${type}`, schema] as const)]));
  // Input side: a field a newer server adds is not an error for an older page.
  const json = z.toJSONSchema(all, { metadata: registry, io: 'input', unrepresentable: 'any', target: 'draft-2020-12', override }) as Json & { properties: Record<string, Json>; $defs?: Record<string, Json> };
  const { $defs: defs = {}, properties } = lean({ $defs: json.$defs ?? {}, properties: json.properties }) as { $defs: Record<string, Json>; properties: Record<string, Json> };
  for (const [name, def] of Object.entries(defs)) audit(def, `defs.${name}`);
  for (const [name, schema] of Object.entries(properties)) audit(schema, name);
  return { roots, events, defs, properties };
}

/** The two generated files: what every visitor's HttpAdapter checks with, and what only moderators' calls load. */
export function wireSources(): { visitors: string; moderators: string } {
  const { roots, events, defs, properties } = wireJsonSchemas();

  const visitorRoots = roots.filter(([name]) => !forModerators(name));
  const moderatorRoots = roots.filter(([name]) => forModerators(name));
  const visitorDefs = reachable([...visitorRoots.map(([name]) => properties[name]), ...events.map(([type]) => properties[`event:${type}`])], defs);
  const pick = (keep: (name: string) => boolean) => Object.fromEntries(Object.entries(defs).filter(([name]) => keep(name)));
  const line = ([name]: [string, unknown]) => `export const ${name}: Wire<z.output<typeof s.${name}>> = ${compact(properties[name])};`;
  const defsOf = (keep: (name: string) => boolean) => fields(pick(keep));
  const header = (what: string, body: string) => [
    `// Generated by scripts/wire-schemas.ts from ./schemas.ts (\`npm run wire\`): do not edit by hand. ${what}`,
    "import type * as z from 'zod/mini';",
    `import { ${[...uses(body), 'type JsonSchema', 'type Wire'].join(', ')} } from './check.js';`,
    "import type * as s from './schemas.js';",
  ];
  const visitorBody = [
    '',
    '/** The schemas used in more than one place, referred to as `#/$defs/<name>`. */',
    `export const defs: Readonly<Record<string, JsonSchema>> = ${defsOf((name) => visitorDefs.has(name))};`,
    '',
    ...visitorRoots.map(line),
    '',
    '/** One schema per live event type. */',
    'export const liveEvents: { readonly [K in keyof typeof s.liveEvents]: Wire<z.output<(typeof s.liveEvents)[K]>> } = {',
    ...events.map(([type]) => `  ${JSON.stringify(type)}: ${compact(properties[`event:${type}`])},`),
    '};',
    '',
  ].join('\n');
  const moderatorBody = [
    "import { defs as visitorDefs } from './wire.js';",
    '',
    '/** Every definition: the visitors\' and the moderators\' own. */',
    `export const defs: Readonly<Record<string, JsonSchema>> = { ...visitorDefs, ...${defsOf((name) => !visitorDefs.has(name))} };`,
    '',
    ...moderatorRoots.map(line),
    '',
  ].join('\n');
  const visitors = [...header("What every page checks responses with; moderators' schemas are in ./wire-moderators.ts.", visitorBody), visitorBody].join('\n');
  const moderators = [...header("Loaded by the moderators' calls only.", moderatorBody), moderatorBody].join('\n');
  return { visitors, moderators };
}

export const WIRE_MODERATORS_FILE = new URL('../src/adapters/http/wire-moderators.ts', import.meta.url);

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const { visitors, moderators } = wireSources();
  if (process.argv.includes('--check')) {
    if (readFileSync(WIRE_FILE, 'utf8') !== visitors || readFileSync(WIRE_MODERATORS_FILE, 'utf8') !== moderators) {
      console.error('src/adapters/http/wire*.ts are not what src/adapters/http/schemas.ts gives: run `npm run wire`.');
      process.exit(1);
    }
  } else {
    writeFileSync(WIRE_FILE, visitors);
    writeFileSync(WIRE_MODERATORS_FILE, moderators);
  }
}
