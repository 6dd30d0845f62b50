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

/** The two generated files: what every visitor's HttpAdapter checks with, and what only moderators' calls load. */
export function wireSources(): { visitors: string; moderators: string } {
  const roots = Object.entries(s).filter(([, value]) => typeof value === 'object' && value !== null && '_zod' in value) as [string, z.ZodMiniType][];
  const events = Object.entries(s.liveEvents) as [string, z.ZodMiniType][];
  const { registry } = namedSchemas();
  const all = z.object(Object.fromEntries([...roots, ...events.map(([type, schema]) => [`event:${type}`, schema] as const)]));
  // Input side: a field a newer server adds is not an error for an older page.
  const json = z.toJSONSchema(all, { metadata: registry, io: 'input', unrepresentable: 'any', target: 'draft-2020-12', override }) as Json & { properties: Record<string, Json>; $defs?: Record<string, Json> };
  const { $defs: defs = {}, properties } = lean({ $defs: json.$defs ?? {}, properties: json.properties }) as { $defs: Record<string, Json>; properties: Record<string, Json> };
  for (const [name, def] of Object.entries(defs)) audit(def, `defs.${name}`);
  for (const [name, schema] of Object.entries(properties)) audit(schema, name);

  const visitorRoots = roots.filter(([name]) => !forModerators(name));
  const moderatorRoots = roots.filter(([name]) => forModerators(name));
  const visitorDefs = reachable([...visitorRoots.map(([name]) => properties[name]), ...events.map(([type]) => properties[`event:${type}`])], defs);
  const pick = (keep: (name: string) => boolean) => Object.fromEntries(Object.entries(defs).filter(([name]) => keep(name)));
  const line = ([name]: [string, unknown]) => `export const ${name}: Wire<z.output<typeof s.${name}>> = ${JSON.stringify(properties[name])};`;
  const header = (what: string) => [
    `// Generated by scripts/wire-schemas.ts from ./schemas.ts (\`npm run wire\`): do not edit by hand. ${what}`,
    "import type * as z from 'zod/mini';",
    "import type { JsonSchema, Wire } from './check.js';",
    "import type * as s from './schemas.js';",
  ];
  const visitors = [
    ...header('What every page checks responses with; moderators\' schemas are in ./wire-moderators.ts.'),
    '',
    '/** The schemas used in more than one place, referred to as `#/$defs/<name>`. */',
    `export const defs: Readonly<Record<string, JsonSchema>> = ${JSON.stringify(pick((name) => visitorDefs.has(name)))};`,
    '',
    ...visitorRoots.map(line),
    '',
    '/** One schema per live event type. */',
    'export const liveEvents: { readonly [K in keyof typeof s.liveEvents]: Wire<z.output<(typeof s.liveEvents)[K]>> } = {',
    ...events.map(([type]) => `  ${JSON.stringify(type)}: ${JSON.stringify(properties[`event:${type}`])},`),
    '};',
    '',
  ].join('\n');
  const moderators = [
    ...header('Loaded by the moderators\' calls only.'),
    "import { defs as visitorDefs } from './wire.js';",
    '',
    '/** Every definition: the visitors\' and the moderators\' own. */',
    `export const defs: Readonly<Record<string, JsonSchema>> = { ...visitorDefs, ...${JSON.stringify(pick((name) => !visitorDefs.has(name)))} };`,
    '',
    ...moderatorRoots.map(line),
    '',
  ].join('\n');
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
