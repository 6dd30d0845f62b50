import { css, html, nothing, type TemplateResult } from 'lit';
import { fill } from '../i18n/localizer.js';
import { parseMarkdown, type Block, type Inline } from './markdown.js';
import type { UserTextWords } from './render-markdown.messages.js';
import { clipText, hasHiddenCharacters, neutralizeText } from './text.js';
import { LINK_REL, guardUrl, linkMismatch, type SafeLink } from './url-guard.js';

/**
 * User text to the DOM, safely: markdown is parsed to tokens and every token becomes a Lit template
 * with text bindings. No HTML string is ever built, so there is nothing to sanitize; URLs pass the guard.
 */
export interface MarkdownRenderOptions {
  /** Where an @mention links, or null for no link. */
  mentionHref?: (name: string) => string | null;
}

/** Rendered texts by words and source: re-rendering a long thread must not parse every comment again. */
const rendered = new WeakMap<UserTextWords, Map<string, TemplateResult>>();
const CACHE_SIZE = 2000;

/** `words`: `this.localize.words(userTextWords)` of the rendering element. */
export function renderUserText(words: UserTextWords, source: string, options: MarkdownRenderOptions = {}): TemplateResult {
  const cacheable = !options.mentionHref;
  let cache = rendered.get(words);
  const hit = cacheable ? cache?.get(source) : undefined;
  if (hit) return hit;
  const hidden = hasHiddenCharacters(source);
  const result = html`${renderBlocks(words, parseMarkdown(clipText(source)), options)}${hidden
    ? html`<p part="hidden-characters" class="md-note">${words.hiddenCharacters}</p>`
    : nothing}`;
  if (cacheable) {
    if (!cache) rendered.set(words, (cache = new Map()));
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(source, result);
  }
  return result;
}

export { renderPlainText } from './plain-text.js';

function renderBlocks(words: UserTextWords, blocks: Block[], options: MarkdownRenderOptions): TemplateResult[] {
  return blocks.map((block) => {
    switch (block.type) {
      case 'paragraph':
        return html`<p part="md-paragraph" dir="auto">${renderInlines(words, block.children, options)}</p>`;
      case 'code':
        return html`<pre part="md-code-block" dir="ltr"><code>${neutralizeText(block.text)}</code></pre>`;
      case 'quote':
        return html`<blockquote part="md-quote" dir="auto">${renderBlocks(words, block.children, options)}</blockquote>`;
      case 'list': {
        const items = block.items.map((item) => html`<li>${renderBlocks(words, item, options)}</li>`);
        return block.ordered
          ? html`<ol part="md-list" dir="auto" start=${block.start}>${items}</ol>`
          : html`<ul part="md-list" dir="auto">${items}</ul>`;
      }
    }
  });
}

function inlineText(nodes: Inline[]): string {
  return nodes
    .map((n) => ('text' in n ? n.text : 'children' in n ? inlineText(n.children) : n.type === 'autolink' ? n.href : n.type === 'mention' ? `@${n.name}` : ' '))
    .join('');
}

function renderInlines(words: UserTextWords, nodes: Inline[], options: MarkdownRenderOptions): unknown[] {
  return nodes.map((node) => {
    switch (node.type) {
      case 'text':
        return neutralizeText(node.text);
      case 'strong':
        return html`<strong>${renderInlines(words, node.children, options)}</strong>`;
      case 'em':
        return html`<em>${renderInlines(words, node.children, options)}</em>`;
      case 'code':
        return html`<code part="md-code">${neutralizeText(node.text)}</code>`;
      case 'break':
        return html`<br />`;
      case 'mention': {
        const href = options.mentionHref?.(node.name);
        const link = href ? guardUrl(href) : null;
        const name = html`@<bdi>${neutralizeText(node.name)}</bdi>`;
        return link ? html`<a part="mention" href=${link.href}>${name}</a>` : html`<span part="mention">${name}</span>`;
      }
      case 'autolink': {
        const link = guardUrl(node.href);
        return link ? renderLink(words, link, neutralizeText(node.href), false) : neutralizeText(node.href);
      }
      case 'link': {
        const link = guardUrl(node.href);
        const label = renderInlines(words, node.children, options);
        // An unsafe destination (javascript:, data:, relative…) leaves only the words, never a link.
        if (!link) return label;
        return renderLink(words, link, label, true, linkMismatch(neutralizeText(inlineText(node.children)), link));
      }
    }
  });
}

function renderLink(words: UserTextWords, link: SafeLink, label: unknown, showHost: boolean, mismatch = false): TemplateResult {
  const warning = mismatch ? fill(words.phishingWarning, { host: link.host }) : link.lookalike ? fill(words.lookalikeWarning, { host: link.host }) : null;
  return html`<a
      part=${warning ? 'link link-suspicious' : 'link'}
      href=${link.href}
      rel=${LINK_REL}
      target="_blank"
      title=${warning ?? fill(words.linkOpens, { host: link.host })}
      >${label}</a
    >${showHost || warning ? html` <span part="link-host" dir="ltr">(${link.host})</span>` : nothing}${warning
      ? html`<span part="link-warning" role="note">⚠ ${warning}</span>`
      : nothing}`;
}

export const markdownStyles = css`
  [part~='md-paragraph'],
  [part~='md-list'],
  [part~='md-quote'],
  [part~='md-code-block'] {
    margin-block: 0 calc(var(--_space) * 1);
  }
  [part~='md-quote'] {
    margin-inline: 0;
    padding-inline-start: calc(var(--_space) * 1.5);
    border-inline-start: 3px solid var(--_border);
    color: var(--_muted);
  }
  [part~='md-list'] {
    padding-inline-start: calc(var(--_space) * 3);
  }
  [part~='md-code'],
  [part~='md-code-block'] {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 0.9em;
    background: var(--_raised);
    border-radius: calc(var(--_radius) * 0.5);
  }
  [part~='md-code'] {
    padding: 0.1em 0.3em;
  }
  [part~='md-code-block'] {
    padding: var(--_space);
    overflow-x: auto;
    white-space: pre;
  }
  [part~='link'] {
    color: var(--_accent);
    text-underline-offset: 0.15em;
    overflow-wrap: anywhere;
  }
  [part~='link-host'] {
    color: var(--_muted);
    font-size: 0.875em;
    unicode-bidi: isolate;
  }
  [part~='link-suspicious'] {
    text-decoration-style: wavy;
    text-decoration-color: var(--_warning);
  }
  [part~='link-warning'] {
    display: block;
    margin-block-start: calc(var(--_space) * 0.5);
    padding: calc(var(--_space) * 0.5) var(--_space);
    border-inline-start: 3px solid var(--_warning);
    background: var(--_raised);
    color: var(--_text);
    font-size: 0.875em;
  }
  [part~='mention'] {
    color: var(--_accent);
    font-weight: 600;
  }
  .md-note {
    color: var(--_muted);
    font-size: 0.875em;
    font-style: italic;
  }
`;
