import { LitElement, css, html, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { until } from 'lit/directives/until.js';
import manifest from '../../custom-elements.json';
import { COLOR_TOKENS, SHAPE_TOKENS, dark, light, type ColorToken } from '../../src/styles/palette.js';
import '../../src/define/community.js';
import '../../src/define/comments.js';
import '../../src/define/comment-count.js';
import '../../src/define/poll.js';
import '../../src/define/member.js';
import '../../src/define/leaderboard.js';
import { STORY_NOW, storyAdapter, storyCommunity } from './community.js';

interface CssProperty {
  name: string;
  description?: string;
}
interface Declaration {
  tagName?: string;
  cssProperties?: CssProperty[];
}

interface Token {
  name: string;
  description: string;
  tag: string;
  light: string;
  dark: string;
  color: boolean;
}

type Theme = 'light' | 'dark';

const declarations = (manifest as { modules: { declarations?: Declaration[] }[] }).modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);

/** The theme defaults of a token: from the palettes for the global ones, none (the element decides) for the others. */
function defaults(name: string): { light: string; dark: string } {
  const color = /^--majlis-color-(.+)$/.exec(name)?.[1];
  if (color && (COLOR_TOKENS as readonly string[]).includes(color)) return { light: light[color as ColorToken], dark: dark[color as ColorToken] };
  const shape = name.slice('--majlis-'.length) as keyof typeof SHAPE_TOKENS;
  if (shape in SHAPE_TOKENS) return { light: SHAPE_TOKENS[shape], dark: SHAPE_TOKENS[shape] };
  return { light: '', dark: '' };
}

/** Every `--majlis-*` property the manifest documents, global (on the provider) first. */
const TOKENS: Token[] = declarations
  .flatMap((d) => (d.cssProperties ?? []).map((p) => ({ name: p.name, description: p.description ?? '', tag: d.tagName!, ...defaults(p.name), color: p.name.startsWith('--majlis-color-') })))
  .sort((a, b) => Number(b.tag === 'majlis-community') - Number(a.tag === 'majlis-community'));

const PAGE = { light: { background: '#ffffff', color: '#1b1f24' }, dark: { background: '#0e1013', color: '#e8eaed' } };
const HEX = /^#[0-9a-f]{6}$/i;

/**
 * Story-only: the token table of custom-elements.json with an input per token, over a live preview
 * of several elements on the seeded LocalAdapter. Shown on the Theming docs page.
 */
export class MajlisStoryTokenEditor extends LitElement {
  static override styles = css`
    :host {
      display: block;
      font: 14px/1.4 system-ui, sans-serif;
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      align-items: center;
      margin-block-end: 1rem;
    }
    fieldset {
      display: flex;
      gap: 0.75rem;
      border: 1px solid #c9ced6;
      border-radius: 6px;
      margin: 0;
      padding: 0.25rem 0.75rem 0.5rem;
    }
    .layout {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      gap: 1.5rem;
      align-items: start;
    }
    @media (max-width: 900px) {
      .layout {
        grid-template-columns: minmax(0, 1fr);
      }
    }
    table {
      border-collapse: collapse;
      inline-size: 100%;
    }
    caption {
      text-align: start;
      font-weight: 600;
      padding-block: 0.5rem;
    }
    th,
    td {
      text-align: start;
      vertical-align: top;
      padding: 0.35rem 0.5rem;
      border-block-end: 1px solid #e3e6ea;
    }
    td.token code {
      font-size: 12px;
      white-space: nowrap;
    }
    td.token div {
      color: #59616b;
      font-size: 12px;
    }
    .swatch {
      display: inline-block;
      inline-size: 0.9rem;
      block-size: 0.9rem;
      border: 1px solid #8c959f;
      border-radius: 3px;
      vertical-align: middle;
      margin-inline-end: 0.25rem;
    }
    .value {
      display: flex;
      gap: 0.25rem;
    }
    .value input[type='text'] {
      inline-size: 100%;
      min-inline-size: 4.5rem;
      font: 12px ui-monospace, monospace;
    }
    .value input[type='color'] {
      inline-size: 2rem;
      block-size: 1.6rem;
      padding: 0;
    }
    /* A phone scrolls the table sideways instead of cutting its columns off. */
    .tables {
      overflow-x: auto;
    }
    /* The elements are the provider's slotted children: space them out there. */
    .preview > majlis-community {
      display: grid;
      gap: 1rem;
    }
    .preview {
      position: sticky;
      inset-block-start: 0.5rem;
      display: grid;
      gap: 1rem;
      padding: 1rem;
      border-radius: 8px;
      border: 1px solid #c9ced6;
    }
    pre {
      background: #f5f6f8;
      color: #1b1f24;
      padding: 0.75rem;
      border-radius: 6px;
      overflow: auto;
    }
  `;

  // No decorators: stories/ is compiled outside tsconfig.json's `experimentalDecorators` in Storybook.
  static override properties = { values: { state: true }, theme: { state: true }, rtl: { state: true } };
  declare private values: Record<string, string>;
  declare private theme: Theme;
  declare private rtl: boolean;

  constructor() {
    super();
    this.values = {};
    this.theme = 'light';
    this.rtl = false;
  }

  #preview: Promise<TemplateResult> | undefined;

  #set(name: string, value: string): void {
    const next = { ...this.values };
    if (value.trim()) next[name] = value.trim();
    else delete next[name];
    this.values = next;
  }

  #input(token: Token): TemplateResult {
    const current = this.values[token.name] ?? '';
    const fallback = token[this.theme];
    const picker = HEX.test(current) ? current : HEX.test(fallback) ? fallback : '#000000';
    return html`<div class="value">
      ${token.color
        ? html`<input type="color" aria-label=${`${token.name} colour`} .value=${picker} @input=${(e: Event) => this.#set(token.name, (e.target as HTMLInputElement).value)} />`
        : ''}
      <input
        type="text"
        aria-label=${token.name}
        placeholder=${fallback || 'element default'}
        .value=${current}
        @change=${(e: Event) => this.#set(token.name, (e.target as HTMLInputElement).value)}
      />
    </div>`;
  }

  #default(value: string, color: boolean): TemplateResult | string {
    if (!value) return '—';
    if (color) return html`<span class="swatch" style=${styleMap({ background: value })}></span><code>${value}</code>`;
    return value.length > 12 ? html`<code title=${value}>${value.slice(0, value.indexOf(',') + 1 || 12)} …</code>` : html`<code>${value}</code>`;
  }

  #rows(tokens: Token[], withDefaults: boolean): TemplateResult[] {
    return tokens.map(
      (t) => html`<tr>
        <td class="token"><code>${t.name}</code><div>${t.description}</div></td>
        ${withDefaults ? html`<td>${this.#default(t.light, t.color)}</td><td>${this.#default(t.dark, t.color)}</td>` : html`<td><code>&lt;${t.tag}&gt;</code></td>`}
        <td>${this.#input(t)}</td>
      </tr>`,
    );
  }

  #elements(): Promise<TemplateResult> {
    // One seeded community and adapter for the page's lifetime: editing tokens only restyles.
    this.#preview ??= Promise.all([storyCommunity(), storyAdapter('member')]).then(
      ([{ thread, pollId }, adapter]) => html`<majlis-community .adapter=${adapter} .now=${() => STORY_NOW} theme=${this.theme}>
        <majlis-member member="sara" size="large"></majlis-member>
        <majlis-comment-count thread=${thread}></majlis-comment-count>
        <majlis-poll poll=${pollId}></majlis-poll>
        <majlis-leaderboard period="all" limit="3"></majlis-leaderboard>
        <majlis-comments thread=${thread} page-size="2" max-depth="1"></majlis-comments>
      </majlis-community>`,
    );
    return this.#preview;
  }

  protected override updated(): void {
    // The preview template is made once; the theme follows the toolbar of this editor.
    this.renderRoot.querySelector('majlis-community')?.setAttribute('theme', this.theme);
  }

  protected override render(): TemplateResult {
    const global = TOKENS.filter((t) => t.tag === 'majlis-community');
    const local = TOKENS.filter((t) => t.tag !== 'majlis-community');
    const changed = Object.entries(this.values);
    const page = PAGE[this.theme];
    return html`
      <div class="bar">
        <fieldset>
          <legend>Theme</legend>
          ${(['light', 'dark'] as const).map(
            (theme) => html`<label><input type="radio" name="theme" .checked=${this.theme === theme} @change=${() => (this.theme = theme)} /> ${theme}</label>`,
          )}
        </fieldset>
        <label><input type="checkbox" .checked=${this.rtl} @change=${(e: Event) => (this.rtl = (e.target as HTMLInputElement).checked)} /> Arabic, right to left</label>
        <button type="button" ?disabled=${changed.length === 0} @click=${() => (this.values = {})}>Reset all tokens</button>
      </div>
      <div class="layout">
        <div class="tables" tabindex="0" role="region" aria-label="Tokens">
          <table>
            <caption>Global tokens: set on <code>majlis-community</code> or any ancestor</caption>
            <thead><tr><th scope="col">Token</th><th scope="col">Light</th><th scope="col">Dark</th><th scope="col">Your value</th></tr></thead>
            <tbody>${this.#rows(global, true)}</tbody>
          </table>
          <table>
            <caption>Element tokens</caption>
            <thead><tr><th scope="col">Token</th><th scope="col">Element</th><th scope="col">Your value</th></tr></thead>
            <tbody>${this.#rows(local, false)}</tbody>
          </table>
        </div>
        <div class="preview" lang=${this.rtl ? 'ar' : 'en'} dir=${this.rtl ? 'rtl' : 'ltr'} style=${styleMap({ ...page, ...this.values })}>
          ${until(this.#elements(), html`<p>Loading the preview…</p>`)}
        </div>
      </div>
      <h4>Your CSS</h4>
      <pre>${changed.length ? `majlis-community {\n${changed.map(([name, value]) => `  ${name}: ${value};`).join('\n')}\n}` : 'Change a token above: its CSS appears here.'}</pre>
    `;
  }
}

customElements.get('majlis-story-token-editor') ?? customElements.define('majlis-story-token-editor', MajlisStoryTokenEditor);

declare global {
  interface HTMLElementTagNameMap {
    'majlis-story-token-editor': MajlisStoryTokenEditor;
  }
}
