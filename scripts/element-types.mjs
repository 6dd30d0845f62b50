#!/usr/bin/env node
/**
 * Editor and framework types from the elements' manifest (custom-elements.json, made by `cem analyze`):
 *
 * - dist/jsx.d.ts: every Majlis element for React 19 JSX (`import 'majlis/jsx'` as a type), with its
 *   attributes typed from the manifest, its settable properties (React 19 sets a prop as a property
 *   when the element has one), and `on<event>` handlers for its `majlis-*` events.
 * - dist/vscode.html-custom-data.json: tags and attributes (descriptions, allowed values) for VS Code.
 * - dist/vscode.css-custom-data.json: the `--majlis-*` custom properties, for VS Code's CSS support.
 *
 * Attribute types in the manifest are TypeScript type text (`'small' | 'medium'`, `CommentSort`);
 * named aliases are resolved from the `export type X = 'a' | 'b'` declarations under src/. A type
 * that is not a union of literals falls back to the element class's own property type.
 *
 * Usage: node scripts/element-types.mjs [manifest] [outdir]   (defaults: custom-elements.json, dist)
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = resolve(root, process.argv[2] ?? 'custom-elements.json');
const outDir = resolve(root, process.argv[3] ?? 'dist');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

/** Every element the manifest declares, with the module it lives in. */
const elements = manifest.modules
  .flatMap((mod) => (mod.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => ({ ...d, modulePath: mod.path })))
  .sort((a, b) => a.tagName.localeCompare(b.tagName));
if (elements.length === 0) fail(`no custom elements in ${relative(root, manifestPath)}`);

// ---------- types ----------

/** `export type Name = 'a' | 'b' | Other;` declarations under src/, for resolving attribute types. */
const aliases = new Map();
for (const file of readdirSync(join(root, 'src'), { recursive: true })) {
  if (!/\.ts$/.test(file) || /\.(test|stories)\.ts$/.test(file) || String(file).startsWith('server')) continue;
  const text = readFileSync(join(root, 'src', file), 'utf8');
  for (const match of text.matchAll(/export\s+type\s+([A-Za-z_$][\w$]*)\s*=\s*([^;{}<>()]+);/g)) aliases.set(match[1], match[2].trim());
}

/** Splits `a | b` at the top level (no nesting is expected in attribute types). */
const unionParts = (text) => text.split('|').map((part) => part.trim()).filter(Boolean);

/**
 * Resolves an attribute's type text to `{ ts, values }`: `ts` the TypeScript type for JSX, `values`
 * the allowed literal strings (for editors), or `{ ts: null }` when it cannot be expressed from text.
 */
function resolveType(text, seen = new Set()) {
  if (!text) return { ts: null };
  const ts = new Set();
  const values = [];
  for (const part of unionParts(text)) {
    if (part === 'undefined' || part === 'null') continue;
    if (/^'[^']*'$|^"[^"]*"$/.test(part)) {
      const value = part.slice(1, -1);
      ts.add(`'${value.replace(/['\\]/g, '\\$&')}'`);
      values.push(value);
    } else if (part === 'string' || part === 'number' || part === 'boolean') {
      ts.add(part);
    } else if (/^[A-Za-z_$][\w$]*$/.test(part) && aliases.has(part) && !seen.has(part)) {
      const inner = resolveType(aliases.get(part), new Set([...seen, part]));
      if (inner.ts === null) return { ts: null };
      inner.ts.split(' | ').forEach((t) => ts.add(t));
      values.push(...(inner.values ?? []));
    } else {
      return { ts: null };
    }
  }
  if (ts.size === 0) return { ts: null };
  return { ts: [...ts].join(' | '), values: values.length ? values : undefined, boolean: ts.size === 1 && ts.has('boolean') };
}

/** `src/components/poll/poll.ts` → `./components/poll/poll.js` (dist/ mirrors src/). */
const distImport = (modulePath) => './' + modulePath.replace(/^src\//, '').replace(/\.ts$/, '.js');

/** A JSDoc comment, indented. */
function jsdoc(text, indent) {
  if (!text) return '';
  const lines = text.replace(/\*\//g, '*\\/').split('\n');
  return lines.length === 1 ? `${indent}/** ${lines[0]} */\n` : `${indent}/**\n${lines.map((l) => `${indent} * ${l}`.trimEnd()).join('\n')}\n${indent} */\n`;
}

/** An attribute's description, with its default when the manifest gives a literal one. */
const attributeNotes = (attr) =>
  [attr.description, /^('[^']*'|"[^"]*"|-?[\d.]+|true|false)$/.test(attr.default ?? '') && attr.default !== "''" ? `Default: \`${attr.default}\`.` : '']
    .filter(Boolean)
    .join(' ');

const key = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`);
const describe = (el) => [el.summary, el.description].filter(Boolean).join('\n\n').trim();

// ---------- dist/jsx.d.ts ----------

const unresolved = [];
const imports = [];
const interfaces = [];
const neutralMap = [];
const reactMap = [];

for (const el of elements) {
  const className = el.name;
  const attrsName = `${className}Attributes`;
  imports.push(`import type { ${className} } from '${distImport(el.modulePath)}';`);
  const members = [];
  const declared = new Set();

  for (const attr of el.attributes ?? []) {
    let { ts } = resolveType(attr.type?.text);
    if (ts === null) {
      if (!attr.fieldName) {
        ts = 'string';
        unresolved.push(`${el.tagName}[${attr.name}] (${attr.type?.text ?? 'no type'}) → string`);
      } else {
        ts = `NonNullable<${className}['${attr.fieldName}']>`;
        if (attr.type?.text) unresolved.push(`${el.tagName}[${attr.name}] (${attr.type.text}) → ${ts}`);
      }
    }
    members.push(`${jsdoc(attributeNotes(attr), '  ')}  ${key(attr.name)}?: ${ts};`);
    declared.add(attr.name);
  }

  // Settable properties that have no attribute (`adapter`, `viewer`): React 19 assigns a prop as a
  // property when `prop in element`. Attribute-backed ones are set by their attribute name only.
  for (const field of el.members ?? []) {
    if (field.kind !== 'field' || field.static || field.readonly || field.inheritedFrom || field.attribute) continue;
    if (field.privacy === 'private' || field.privacy === 'protected' || field.name.startsWith('#') || declared.has(field.name)) continue;
    const notes = [field.description, 'A property (no attribute): set it from script, or as a prop in React 19.'].filter(Boolean).join(' ');
    members.push(`${jsdoc(notes, '  ')}  ${key(field.name)}?: ${className}['${field.name}'];`);
    declared.add(field.name);
  }

  // `majlis-*` events: React 19 adds `on<name>` props on custom elements as listeners for `<name>`.
  for (const event of el.events ?? []) {
    if (!event.name?.startsWith('majlis-')) continue;
    members.push(`${jsdoc(event.description, '  ')}  'on${event.name}'?: (event: MajlisEventOf<'${event.name}'>) => void;`);
  }

  interfaces.push(`${jsdoc(`\`<${el.tagName}>\`: ${describe(el)}`, '')}export interface ${attrsName} {\n${members.join('\n')}\n}`);
  neutralMap.push(`  '${el.tagName}': ${attrsName};`);
  reactMap.push(`      '${el.tagName}': MajlisJsxProps<${className}, ${attrsName}>;`);
}

const jsx = `// Generated by scripts/element-types.mjs from custom-elements.json: do not edit.
//
// React 19 JSX types for the Majlis elements. Bring them in once, in any .ts/.d.ts file of your app:
//   import type {} from 'majlis/jsx';
// or in tsconfig.json: "compilerOptions": { "types": ["majlis/jsx"] }.
import type { ClassAttributes, HTMLAttributes, ReactNode } from 'react';
import type {} from './events/index.js';
${imports.join('\n')}

/** The event a \`majlis-*\` event name dispatches (declared in GlobalEventHandlersEventMap by majlis/events). */
export type MajlisEventOf<N extends string> = N extends keyof GlobalEventHandlersEventMap ? GlobalEventHandlersEventMap[N] : Event;

${interfaces.join('\n\n')}

/** Each element's own attributes, properties and event handlers, by tag (framework-neutral). */
export interface MajlisElementAttributes {
${neutralMap.join('\n')}
}

/** What every Majlis element takes in React: the usual HTML props (id, className, style, slot, lang, dir, aria-*…), \`class\`, ref and children, plus its own. */
export type MajlisJsxProps<E extends HTMLElement, A> = Omit<HTMLAttributes<E>, keyof A> &
  ClassAttributes<E> & {
    class?: string;
    children?: ReactNode;
  } & A;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
${reactMap.join('\n')}
    }
  }
}
`;

// ---------- VS Code custom data ----------

const markdown = (value) => ({ kind: 'markdown', value });
const list = (title, items, format) => (items?.length ? `\n\n**${title}:** ${items.map(format).join(' · ')}` : '');
const htmlData = {
  $schema: 'https://raw.githubusercontent.com/microsoft/vscode-html-languageservice/main/docs/customData.schema.json',
  version: 1.1,
  tags: elements.map((el) => ({
    name: el.tagName,
    description: markdown(
      describe(el) +
        list('Events', el.events, (e) => `\`${e.name}\``) +
        list('Slots', el.slots, (s) => (s.name ? `\`${s.name}\`` : 'default')) +
        list('Parts', el.cssParts, (p) => `\`::part(${p.name})\``) +
        list('States', el.cssStates, (s) => `\`:state(${s.name})\``) +
        list('CSS properties', el.cssProperties, (p) => `\`${p.name}\``),
    ),
    attributes: (el.attributes ?? []).map((attr) => {
      const type = resolveType(attr.type?.text);
      const entry = { name: attr.name, description: markdown(attributeNotes(attr)) };
      if (type.boolean) entry.valueSet = 'v';
      else if (type.values?.length) entry.values = type.values.map((name) => ({ name }));
      return entry;
    }),
  })),
};

const cssProperties = new Map();
for (const el of elements)
  for (const prop of el.cssProperties ?? []) if (!cssProperties.has(prop.name)) cssProperties.set(prop.name, { ...prop, tag: el.tagName });
const cssData = {
  $schema: 'https://raw.githubusercontent.com/microsoft/vscode-css-languageservice/main/docs/customData.schema.json',
  version: 1.1,
  properties: [...cssProperties.values()].map((p) => ({
    name: p.name,
    description: markdown(`${p.description ?? ''}${p.default ? ` Default: \`${p.default}\`.` : ''} (\`<${p.tag}>\`)`.trim()),
  })),
};

// ---------- write ----------

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'jsx.d.ts'), jsx);
writeFileSync(join(outDir, 'vscode.html-custom-data.json'), JSON.stringify(htmlData, null, 2) + '\n');
writeFileSync(join(outDir, 'vscode.css-custom-data.json'), JSON.stringify(cssData, null, 2) + '\n');
for (const note of unresolved) console.warn(`[element-types] typed from the class: ${note}`);
console.log(`[element-types] ${elements.length} elements → ${relative(root, outDir)}/jsx.d.ts, vscode.html-custom-data.json, vscode.css-custom-data.json`);

function fail(message) {
  console.error(`[element-types] ${message}`);
  process.exit(1);
}
