/**
 * The safe Markdown subset of user posts, parsed to a token tree that the renderer turns into Lit
 * templates (never HTML strings): paragraphs, fenced code, quotes, lists; emphasis, inline code,
 * links, bare http(s) autolinks and @mentions. No raw HTML (`<b>` is text), no entity decoding, no
 * images, headings or tables.
 *
 * Linear time on any input: blocks are one pass over the lines per nesting level (levels are capped);
 * inlines are one left-to-right scan with one regular expression whose alternatives never overlap, so
 * a failed attempt backtracks only over what it read; a code span finds its closer in a table of
 * backtick runs made once, and a closing emphasis run looks only at the top of the opener stack, so
 * nothing is scanned twice. Nothing recurses deeper than the depth cap, so hostile nesting cannot
 * overflow the stack.
 *
 * Simpler than CommonMark where comments do not need more: emphasis pairs only with the innermost open
 * run, and only of the same character; a run opens before text and closes after it, whatever the
 * punctuation around; an open '[' keeps emphasis, mentions and URLs inside it apart from the rest, and
 * a ']' that closes no link leaves its `(…)` as text; a backslash before a newline is text; tabs
 * indent by one column; consecutive bullet items make one list whatever the bullet; spaces inside a
 * code span are kept.
 *
 * Faithful: every user character is in the output (text, code, link destination, autolink, mention)
 * except the Markdown syntax itself (markers, fences and their info string, indentation, trailing
 * spaces, the backslash of an escape).
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; href: string; children: Inline[] } // href is the raw destination as written; the renderer guards it
  | { type: 'autolink'; href: string } // a bare http(s):// URL in text, trailing punctuation like .,;:!?) not included
  | { type: 'mention'; name: string } // @name: letters/digits of any script, _ . - (not ending with . or -); not inside words like an email a@b.com
  | { type: 'break' }; // a single newline inside a paragraph

export type Block =
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'code'; text: string } // ``` fenced block (language after the fence ignored); unclosed fence runs to the end
  | { type: 'quote'; children: Block[] } // lines starting with '>'
  | { type: 'list'; ordered: boolean; start: number; items: Block[][] }; // '- ', '* ', '+ ' or '1. ' / '1) ' items; a line indented under an item continues it

export interface MarkdownOptions {
  /**
   * Deepest nesting of quotes and lists (together), and separately of emphasis inside emphasis (a
   * link counts as one level). Deeper markers are kept as literal text. Default 4; values are clamped
   * to 0–32.
   */
  maxDepth?: number;
}

/** Parses a post. See the module comment for the subset. */
export function parseMarkdown(source: string, { maxDepth = 4 }: MarkdownOptions = {}): Block[] {
  // NaN fails both comparisons and gets the default.
  return parseBlocks(source.split(/\r\n?|\n/), 0, maxDepth >= 0 ? Math.min(maxDepth, 32) : maxDepth < 0 ? 0 : 4);
}

/** The text without markup, for previews and accessible names: blocks separated by a blank line, list items by a newline. */
export function plainText(blocks: Block[]): string {
  return blocks.map(textOf).join('\n\n');
}

/** Any node, for code that reads them all alike. */
type AnyNode = { type: string; text?: string; href?: string; name?: string; children?: AnyNode[]; items?: Block[][] };

const textOf = (node: AnyNode): string =>
  node.items?.map(plainText).join('\n') ??
  node.children?.map(textOf).join(node.type == 'quote' ? '\n\n' : '') ??
  (node.name ? '@' + node.name : (node.text ?? node.href ?? '\n'));

/** The names mentioned (`@name`), each once, in order of first appearance. Mentions in code and in link text do not count. */
export function mentionsOf(blocks: Block[]): string[] {
  const names = new Set<string>();
  // JSON.stringify visits every node in document order. Link text never holds mentions (the parser
  // leaves it plain), so every mention found is a real one.
  JSON.stringify(blocks, (_, node?: Inline) => (node?.type == 'mention' && names.add(node.name), node));
  return [...names];
}

// =============================================================================================
// Blocks: the lines of one container; quotes and list items gather their lines and recurse, one
// level per nesting, so the cap bounds both the depth and the work (at most one pass per level).
// No lazy continuation: a quote continues only on lines starting with '>', a list item only on
// lines indented to its content. No headings, thematic breaks, indented code or HTML.

const QUOTE = /^ {0,3}> ?/;
const FENCE = /^ {0,3}(`{3,})[^`]*$/; // the info string after it may hold no backtick
const ITEM = /^ {0,3}([-*+]|(\d{1,9})[.)])(\s+|$)/;

function parseBlocks(lines: string[], depth: number, max: number): Block[] {
  const out: Block[] = [];
  let para: string[] | undefined;
  let list: Extract<Block, { type: 'list' }> | undefined;
  let i = 0;
  /** Ends the open paragraph, then takes the following lines that start with `prefix`, without it. */
  const take = (prefix?: RegExp, taken: string[] = []): string[] => {
    if (para) out.push({ type: 'paragraph', children: parseInline(para.join('\n'), max) });
    para = undefined;
    while (i < lines.length && prefix?.test(lines[i]!)) taken.push(lines[i++]!.replace(prefix, ''));
    return taken;
  };
  /** The blocks of a quote or list item; blank lines after its last content are between blocks, not its own. */
  const inner = (first: string, prefix: RegExp): Block[] => {
    const taken = take(prefix, [first]);
    while (taken.at(-1) == '') taken.pop();
    return parseBlocks(taken, depth + 1, max);
  };
  while (i < lines.length) {
    const line = lines[i++]!;
    const nest = depth < max;
    let m: RegExpExecArray | null;
    if (!line.trim()) {
      take();
    } else if (nest && QUOTE.test(line)) {
      out.push({ type: 'quote', children: inner(line.replace(QUOTE, ''), QUOTE) });
    } else if ((m = FENCE.exec(line))) {
      // Code up to a line of as many backticks or more (which is dropped), or the end of the container.
      out.push({ type: 'code', text: take(new RegExp(`^(?! {0,3}\`{${m[1]!.length},}\\s*$)`)).join('\n') });
      i++;
    } else if (
      nest &&
      (m = ITEM.exec(line)) &&
      // Only a bullet or "1." interrupts a paragraph: "In 2024\n2024. was…" stays text.
      !(para && m[2] && m[2] != '1')
    ) {
      const width = m[0].length;
      // Content lines are indented to the item's text; blank lines may come between.
      const item = inner(line.slice(width), new RegExp(`^( {${width}}|\\s*$)`));
      // Consecutive items make one list, unless bullets follow numbers or numbers bullets.
      if (list != out.at(-1) || list?.ordered != !!m[2]) out.push((list = { type: 'list', ordered: !!m[2], start: +(m[2] ?? 1), items: [] }));
      list!.items.push(item);
    } else {
      // Paragraph text, without its indentation and trailing spaces.
      (para ??= []).push(line.trim());
    }
  }
  take();
  return out;
}

// =============================================================================================
// Inlines: one left-to-right scan notes, by source position, the nodes that start there and where
// they end — then a build walks the positions and makes the tree, recursing only into links (never
// nested) and emphasis under the cap, so at most max + 1 deep. Emphasis pairs as each closing run
// arrives, with the opening run on top of the stack when it has the same character: a closer looks at
// one top and never searches, and pairs always nest. An open '[' is a barrier: emphasis inside it pairs
// only inside it.

/**
 * The tokens of the inline scan; the text between them is plain. Alternatives, tried at each position:
 * a newline; an escape (backslash and ASCII punctuation: only consumed here, so that the character is
 * no token; the build unescapes text); 1 a backtick run; 2 a '*' or '_' run; '['; ']' with 3 a
 * `(destination)` (no whitespace; parentheses escaped, or balanced one level deep); and, not inside a
 * word (a@b.com, xhttps://), 4 an @name (a letter, digit or _ first; not ending with '.', '-' or a
 * joiner) or 5 a bare URL (a letter or digit first in the host; up to whitespace, <>"`, a square
 * bracket or an unbalanced parenthesis; not ending with sentence punctuation).
 */
const TOKEN =
  /\n|\\[!-/:-@[-`{-~]|(`+)|([*_])\2*|\[|\](?:\(((?:[^\s()\\]|\\\S|\((?:[^\s()\\]|\\\S)*\))+)\))?|(?<![\p{L}\p{M}\p{N}])(?:@([\p{L}\p{N}_][\p{L}\p{M}\p{N}_.\-\u200c\u200d]*(?<![.\-\u200c\u200d]))|(https?:\/\/[\p{L}\p{N}](?:[^\s<>"`[\]()]|\([^\s<>"`[\]()]*\))*(?<![.,;:!?'*_~…،؛؟。])))/giu;
const ESCAPED = /\\([!-/:-@[-`{-~])/g;
const WORD = /[\p{L}\p{M}\p{N}]/u;
const SPACE = /\s/;

function parseInline(src: string, max: number): Inline[] {
  TOKEN.lastIndex = 0;
  if (!TOKEN.test(src)) return [{ type: 'text', text: src }]; // most paragraphs
  TOKEN.lastIndex = 0;
  /**
   * Nodes by start position, and where they end; for emphasis and links, where their closer starts
   * (the build fills in the children), and at a closer, where the text resumes after it.
   */
  const nodes: Inline[] = Array(src.length);
  const ends: number[] = Array(src.length);
  /** For a run that may still open: its unpaired characters, from its first unpaired position. */
  const unpaired: number[] = [];
  /** Positions of such runs, bottom to top, and of the '[' that may still start a link. */
  const openers: number[] = [];
  const brackets: number[] = [];
  const node = (p: number, value: Inline, end: number): number => ((nodes[p] = value), (ends[p] = end));
  /** For each run of backticks, the next run of the same length: where a code span starting there closes. */
  const closing: number[] = [];
  const lastRun: number[] = [];
  for (const { 0: run, index } of src.matchAll(/`+/g)) {
    closing[lastRun[run.length] ?? -1] = index;
    lastRun[run.length] = index;
  }

  for (let m; (m = TOKEN.exec(src)); ) {
    const token = m[0];
    const p = m.index;
    const e = TOKEN.lastIndex;
    if (token == '\n') {
      node(p, { type: 'break' }, e);
    } else if (m[1]) {
      const end = closing[p];
      if (end) TOKEN.lastIndex = node(p, { type: 'code', text: src.slice(e, end) }, end + e - p);
    } else if (m[2]) {
      // A run opens when text follows it and closes when text comes before it (the edges count as
      // spaces); underscores do not make emphasis inside words: snake_case_names stay text.
      const prev = src[p - 1] ?? ' ';
      const next = src[e] ?? ' ';
      const canOpen = !SPACE.test(next) && !(m[2] == '_' && WORD.test(prev));
      const canClose = !SPACE.test(prev) && !(m[2] == '_' && WORD.test(next));
      let rest = e - p;
      // A closer pairs with the opener on top if it has the same character and is inside the innermost '['.
      for (let o; canClose && rest && src[(o = openers.at(-1)!)] == m[2] && o > (brackets.at(-1) ?? -1); ) {
        // Pairs are taken from the inner ends: the start of this run, the end of the opener's unpaired chars.
        const used = rest > 1 && unpaired[o]! > 1 ? 2 : 1;
        node(o + (unpaired[o]! -= used), { type: used > 1 ? 'strong' : 'em', children: [] }, e - rest);
        ends[e - rest] = e - (rest -= used);
        if (!unpaired[o]) openers.pop();
      }
      if (canOpen && rest) {
        openers.push(e - rest);
        unpaired[e - rest] = rest;
      }
    } else if (token == '[') {
      brackets.push(p);
    } else if (token[0] == ']') {
      const open = brackets.pop();
      if (open !== undefined && m[3]) {
        node(open, { type: 'link', href: m[3].replace(ESCAPED, '$1'), children: [] }, p);
        ends[p] = e;
        // Unpaired delimiters inside the link stay text; no link may contain another, so earlier '[' are text.
        while (openers.at(-1)! > open) openers.pop();
        brackets.length = 0;
      }
    } else if (!brackets.length && (m[4] || m[5])) {
      // (Inside a '[' that may become a link, the text stays plain: link text holds no links or mentions.)
      node(p, m[4] ? { type: 'mention', name: m[4] } : { type: 'autolink', href: token }, e);
    }
  }

  /** The inlines of src[start, end), `depth` levels deep (a link counts). Emphasis past the cap stays text. */
  const build = (start: number, end: number, depth: number): Inline[] => {
    const out: Inline[] = [];
    let from = start;
    /** Emits the text before `to`, unescaped, then `child`; text resumes at `next`. */
    const emit = (to: number, next: number, child?: Inline): void => {
      const text = src.slice(from, to).replace(ESCAPED, '$1');
      if (text) out.push({ type: 'text', text });
      if (child) out.push(child);
      from = next;
    };
    for (let i = start; i < end; ) {
      const child = nodes[i];
      const close = ends[i]!;
      if (child && !('children' in child)) emit(i, (i = close), child);
      else if (child && (child.type == 'link' || depth < max)) {
        child.children = build(i + (child.type == 'strong' ? 2 : 1), close, depth + 1);
        emit(i, (i = ends[close]!), child);
      } else i++;
    }
    emit(end, end);
    return out;
  };
  return build(0, src.length, 0);
}
