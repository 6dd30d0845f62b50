/**
 * The safe Markdown subset of user posts, parsed to a token tree that the renderer turns into Lit
 * templates (never HTML strings): paragraphs, fenced code, quotes, lists; emphasis, inline code,
 * links, bare http(s) autolinks and @mentions. No raw HTML (`<b>` is text), no entity decoding, no
 * images, headings or tables.
 *
 * Linear time on any input: no backtracking regular expressions; code spans find their closer through
 * a per-length index of backtick runs; link destinations through a precomputed parenthesis matching;
 * emphasis uses the CommonMark delimiter algorithm with its “openers bottom” bound; nesting is capped.
 * Nothing recurses on input depth, so hostile nesting cannot overflow the stack.
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
   * Deepest nesting of quotes and lists (together), and separately of emphasis inside emphasis.
   * Deeper markers are kept as literal text. Default 4; values are clamped to 0–32.
   */
  maxDepth?: number;
}

const DEFAULT_MAX_DEPTH = 4;
const MAX_DEPTH_LIMIT = 32;

/** Parses a post. See the module comment for the subset. */
export function parseMarkdown(source: string, options: MarkdownOptions = {}): Block[] {
  const requested = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const maxDepth = Number.isFinite(requested) ? Math.max(0, Math.min(MAX_DEPTH_LIMIT, Math.floor(requested))) : DEFAULT_MAX_DEPTH;
  return convertContainer(parseBlocks(source, maxDepth), maxDepth);
}

/** The text without markup, for previews and accessible names: blocks separated by a blank line, list items by a newline. */
export function plainText(blocks: Block[]): string {
  return blocks.map(blockText).join('\n\n');
}

/** The names mentioned (`@name`), each once, in order of first appearance. Mentions in code and in link text do not count. */
export function mentionsOf(blocks: Block[]): string[] {
  const names = new Set<string>();
  const visitInlines = (inlines: Inline[]): void => {
    for (const node of inlines) {
      if (node.type === 'mention') names.add(node.name);
      else if (node.type === 'strong' || node.type === 'em' || node.type === 'link') visitInlines(node.children);
    }
  };
  const visitBlocks = (list: Block[]): void => {
    for (const block of list) {
      if (block.type === 'paragraph') visitInlines(block.children);
      else if (block.type === 'quote') visitBlocks(block.children);
      else if (block.type === 'list') for (const item of block.items) visitBlocks(item);
    }
  };
  visitBlocks(blocks);
  return [...names];
}

function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return inlineText(block.children);
    case 'code':
      return block.text;
    case 'quote':
      return plainText(block.children);
    case 'list':
      return block.items.map(plainText).join('\n');
  }
}

function inlineText(inlines: Inline[]): string {
  let s = '';
  for (const node of inlines) {
    switch (node.type) {
      case 'text':
      case 'code':
        s += node.text;
        break;
      case 'strong':
      case 'em':
      case 'link':
        s += inlineText(node.children);
        break;
      case 'autolink':
        s += node.href;
        break;
      case 'mention':
        s += `@${node.name}`;
        break;
      case 'break':
        s += '\n';
        break;
    }
  }
  return s;
}

// =============================================================================================
// Blocks: one pass over the lines, CommonMark-style, with a stack of open containers.
// Simplified: no lazy continuation (a quote continues only on lines starting with '>', a list item
// only on lines indented to its content), no headings, thematic breaks, indented code or HTML.

interface ContainerNode {
  kind: 'doc' | 'quote' | 'item';
  children: BlockNode[];
  /** item: columns of indentation that continue it. */
  indent: number;
  /** The list a following item of the same kind joins; reset when another block is added. */
  openList: ListNode | null;
}
interface ListNode {
  kind: 'list';
  ordered: boolean;
  start: number;
  /** '-', '*', '+' for bullets; '.' or ')' for ordered lists. */
  marker: string;
  items: ContainerNode[];
}
interface ParaNode {
  kind: 'para';
  /** Its lines, without indentation or trailing spaces, joined by '\n'. */
  text: string;
}
interface FenceNode {
  kind: 'fence';
  lines: string[];
  length: number;
  indent: number;
}
type BlockNode = ContainerNode | ListNode | ParaNode | FenceNode;

function container(kind: ContainerNode['kind'], indent = 0): ContainerNode {
  return { kind, children: [], indent, openList: null };
}

function addBlock(parent: ContainerNode, node: BlockNode): void {
  parent.children.push(node);
  parent.openList = node.kind === 'list' ? node : null;
}

const SPACE = 0x20;
const TAB = 0x09;
const BACKTICK = 0x60;

/** A position in one line, in characters and in columns (tabs stop every 4 columns). */
class Cursor {
  line = '';
  pos = 0;
  col = 0;
  /** Memo of firstNonSpace: everything in [memoFrom, memoTo) is a space or a tab. */
  private memoFrom = 0;
  private memoTo = -1;

  reset(line: string): void {
    this.line = line;
    this.pos = 0;
    this.col = 0;
    this.memoTo = -1;
  }

  /**
   * Columns of spaces and tabs from here, without moving; counting stops at `max` (so a long run of
   * spaces is not scanned once per container level).
   */
  indent(max: number): number {
    let col = this.col;
    const stop = this.col + max;
    for (let p = this.pos; p < this.line.length && col < stop; p++) {
      const c = this.line.charCodeAt(p);
      if (c === SPACE) col++;
      else if (c === TAB) col += 4 - (col % 4);
      else break;
    }
    return col - this.col;
  }

  /** Moves over spaces and tabs, at most `cols` columns (a tab that crosses the limit is taken whole). */
  skipIndent(cols: number): void {
    const target = this.col + cols;
    while (this.col < target && this.pos < this.line.length) {
      const c = this.line.charCodeAt(this.pos);
      if (c === SPACE) this.col++;
      else if (c === TAB) this.col += 4 - (this.col % 4);
      else break;
      this.pos++;
    }
  }

  /** The index of the first character from here that is not a space or tab. */
  firstNonSpace(): number {
    if (this.memoFrom <= this.pos && this.pos <= this.memoTo) return this.memoTo;
    let p = this.pos;
    while (p < this.line.length && (this.line.charCodeAt(p) === SPACE || this.line.charCodeAt(p) === TAB)) p++;
    this.memoFrom = this.pos;
    this.memoTo = p;
    return p;
  }

  isBlank(): boolean {
    return this.firstNonSpace() === this.line.length;
  }

  /** Advances over `chars` characters that are not tabs. */
  advance(chars: number): void {
    this.pos += chars;
    this.col += chars;
  }
}

/** Consumes a block quote marker (up to 3 spaces, '>', an optional space) if there is one. */
function takeQuoteMarker(cur: Cursor): boolean {
  if (cur.indent(4) > 3) return false;
  const p = cur.firstNonSpace();
  if (cur.line.charCodeAt(p) !== 0x3e) return false;
  cur.skipIndent(3);
  cur.advance(1);
  const next = cur.line.charCodeAt(cur.pos);
  if (next === SPACE) cur.advance(1);
  else if (next === TAB) cur.skipIndent(1);
  return true;
}

interface ListMarker {
  ordered: boolean;
  start: number;
  marker: string;
  /** The item's first line is blank. */
  blank: boolean;
  /** Characters and columns to consume from the cursor to the item's content. */
  pos: number;
  col: number;
}

function probeListMarker(cur: Cursor): ListMarker | null {
  const { line } = cur;
  const indent = cur.indent(4);
  if (indent > 3) return null;
  let p = cur.firstNonSpace();
  let col = cur.col + indent;
  const c = line.charCodeAt(p);
  let ordered = false;
  let start = 1;
  let marker: string;
  if (c === 0x2d || c === 0x2a || c === 0x2b) {
    marker = line.charAt(p);
    p++;
    col++;
  } else if (c >= 0x30 && c <= 0x39) {
    let q = p;
    while (q < line.length && q - p < 10 && line.charCodeAt(q) >= 0x30 && line.charCodeAt(q) <= 0x39) q++;
    const d = line.charCodeAt(q);
    if (q - p > 9 || (d !== 0x2e && d !== 0x29)) return null;
    ordered = true;
    start = Number(line.slice(p, q));
    marker = line.charAt(q);
    col += q + 1 - p;
    p = q + 1;
  } else {
    return null;
  }
  if (p < line.length && line.charCodeAt(p) !== SPACE && line.charCodeAt(p) !== TAB) return null;
  // Content starts after 1–4 columns of spaces; with 5 or more (or nothing), after one.
  let q = p;
  let contentCol = col;
  while (q < line.length && (line.charCodeAt(q) === SPACE || line.charCodeAt(q) === TAB)) {
    contentCol += line.charCodeAt(q) === TAB ? 4 - (contentCol % 4) : 1;
    q++;
  }
  const blank = q === line.length;
  if (blank || contentCol - col > 4) {
    const hasSpace = p < line.length;
    return { ordered, start, marker, blank, pos: hasSpace ? p + 1 : p, col: col + 1 };
  }
  return { ordered, start, marker, blank, pos: q, col: contentCol };
}

/** A fence opener: up to 3 spaces, 3+ backticks, an info string without backticks. */
function probeFence(cur: Cursor): { length: number; indent: number } | null {
  const indent = cur.indent(4);
  if (indent > 3) return null;
  const p = cur.firstNonSpace();
  let q = p;
  while (q < cur.line.length && cur.line.charCodeAt(q) === BACKTICK) q++;
  if (q - p < 3 || cur.line.indexOf('`', q) !== -1) return null;
  return { length: q - p, indent };
}

function isClosingFence(cur: Cursor, length: number): boolean {
  if (cur.indent(4) > 3) return false;
  const p = cur.firstNonSpace();
  let q = p;
  while (q < cur.line.length && cur.line.charCodeAt(q) === BACKTICK) q++;
  if (q - p < length) return false;
  for (; q < cur.line.length; q++) {
    const c = cur.line.charCodeAt(q);
    if (c !== SPACE && c !== TAB) return false;
  }
  return true;
}

function parseBlocks(source: string, maxDepth: number): ContainerNode {
  const doc = container('doc');
  const stack: ContainerNode[] = [doc];
  let leaf: ParaNode | FenceNode | null = null;
  const top = (): ContainerNode => stack[stack.length - 1] ?? doc;
  /** Closes the containers from `depth` on and the open leaf. */
  const closeFrom = (depth: number): void => {
    stack.length = Math.min(stack.length, depth);
    leaf = null;
  };

  const text = source.includes('\r') ? source.replace(/\r\n?/g, '\n') : source;
  const cur = new Cursor();
  let previousBlank = false;
  for (let lineStart = 0; lineStart <= text.length; ) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    lineStart = lineEnd + 1;
    if (line.length === 0 && stack.length === 1) {
      // The common blank line outside any container: only ends a paragraph.
      if (leaf !== null && leaf.kind === 'fence') leaf.lines.push('');
      else leaf = null;
      previousBlank = true;
      continue;
    }
    cur.reset(line);
    const blankLine = cur.isBlank();
    // After one blank line only list items with content are open, and another blank line changes nothing.
    if (blankLine && previousBlank && leaf === null) continue;
    previousBlank = blankLine;

    // 1. Which open containers does this line continue?
    let matched = 1;
    for (; matched < stack.length; matched++) {
      const c = stack[matched];
      if (c === undefined) break;
      if (c.kind === 'quote') {
        if (!takeQuoteMarker(cur)) break;
      } else if (cur.isBlank()) {
        if (c.children.length === 0) break; // an item can start with at most one blank line
      } else if (cur.indent(c.indent) >= c.indent) {
        cur.skipIndent(c.indent);
      } else {
        break;
      }
    }
    const allMatched = matched === stack.length;

    // 2. Inside a fenced code block, the line is code.
    if (leaf !== null && leaf.kind === 'fence' && allMatched) {
      const fence: FenceNode = leaf;
      if (isClosingFence(cur, fence.length)) {
        leaf = null;
      } else {
        cur.skipIndent(fence.indent);
        fence.lines.push(line.slice(cur.pos));
      }
      continue;
    }

    // 3. New quotes and list items, up to the depth limit; deeper markers stay text.
    let opened = false;
    while (matched - 1 < maxDepth) {
      if (takeQuoteMarker(cur)) {
        closeFrom(matched);
        const quote = container('quote');
        addBlock(top(), quote);
        stack.push(quote);
        matched++;
        opened = true;
        continue;
      }
      const item = probeListMarker(cur);
      if (item === null) break;
      const paragraphContinues = !opened && allMatched && leaf !== null && (leaf as ParaNode | FenceNode).kind === 'para';
      if (paragraphContinues && (item.blank || (item.ordered && item.start !== 1))) break;
      closeFrom(matched);
      const indent = item.col - cur.col;
      cur.pos = item.pos;
      cur.col = item.col;
      const parent = top();
      let list = parent.openList;
      if (list === null || list.ordered !== item.ordered || list.marker !== item.marker) {
        list = { kind: 'list', ordered: item.ordered, start: item.start, marker: item.marker, items: [] };
        addBlock(parent, list);
      }
      const node = container('item', indent);
      list.items.push(node);
      stack.push(node);
      matched++;
      opened = true;
    }

    // 4. The rest of the line: blank, a fence, or paragraph text.
    if (cur.isBlank()) {
      closeFrom(matched);
      continue;
    }
    const fence = probeFence(cur);
    const open: ParaNode | FenceNode | null = leaf;
    if (fence === null && !opened && allMatched && open !== null && open.kind === 'para') {
      open.text += `\n${trimEndSpaces(line.slice(cur.firstNonSpace()))}`;
      continue;
    }
    closeFrom(matched);
    if (fence !== null) {
      const node: FenceNode = { kind: 'fence', lines: [], length: fence.length, indent: fence.indent };
      addBlock(top(), node);
      leaf = node;
    } else {
      const node: ParaNode = { kind: 'para', text: trimEndSpaces(line.slice(cur.firstNonSpace())) };
      addBlock(top(), node);
      leaf = node;
    }
  }
  return doc;
}

function trimEndSpaces(s: string): string {
  let end = s.length;
  while (end > 0 && (s.charCodeAt(end - 1) === SPACE || s.charCodeAt(end - 1) === TAB)) end--;
  return end === s.length ? s : s.slice(0, end);
}

function convertContainer(node: ContainerNode, maxDepth: number): Block[] {
  const blocks: Block[] = [];
  for (const child of node.children) {
    switch (child.kind) {
      case 'para':
        blocks.push({ type: 'paragraph', children: parseInline(child.text, maxDepth) });
        break;
      case 'fence':
        blocks.push({ type: 'code', text: child.lines.join('\n') });
        break;
      case 'list':
        blocks.push({
          type: 'list',
          ordered: child.ordered,
          start: child.start,
          items: child.items.map((item) => convertContainer(item, maxDepth)),
        });
        break;
      default:
        blocks.push({ type: 'quote', children: convertContainer(child, maxDepth) });
    }
  }
  return blocks;
}

// =============================================================================================
// Inlines: a scan into a doubly linked list of nodes, then the CommonMark delimiter algorithm for
// emphasis and brackets, then one iterative pass to the output tree (depth cap, autolinks, mentions).
// Nodes live in typed arrays, and their text is a range of the source, so hostile input that makes
// hundreds of thousands of nodes makes no garbage: the output is the only tree of objects.

const K_ROOT = 0;
const K_TEXT = 1;
const K_CODE = 2;
const K_BREAK = 3;
const K_EM = 4;
const K_STRONG = 5;
const K_LINK = 6;

/** Text roles: plain text (merged), a delimiter run, a backslash-escaped '@' (never starts a mention). */
const R_PLAIN = 0;
const R_DELIM = 1;
const R_ESCAPED_AT = 2;

const NONE = -1;

/**
 * The node store. Each node has a kind, a role (text), a range of the source (text: its text;
 * code: its content; em/strong: one set of its delimiter characters; link: index of its href),
 * tree links, and for delimiter runs their delimiter-stack fields.
 */
class Nodes {
  size = 0;
  kind: Uint8Array;
  role: Uint8Array;
  /** Delimiter runs: bit 1 can open, bit 2 can close. */
  flags: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  parent: Int32Array;
  prev: Int32Array;
  next: Int32Array;
  first: Int32Array;
  last: Int32Array;
  /** Delimiter runs: length before any was used (the “rule of 3” looks at it), and the stack links. */
  orig: Int32Array;
  prevDelim: Int32Array;
  nextDelim: Int32Array;
  capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.kind = new Uint8Array(capacity);
    this.role = new Uint8Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.parent = new Int32Array(capacity);
    this.prev = new Int32Array(capacity);
    this.next = new Int32Array(capacity);
    this.first = new Int32Array(capacity);
    this.last = new Int32Array(capacity);
    this.orig = new Int32Array(capacity);
    this.prevDelim = new Int32Array(capacity);
    this.nextDelim = new Int32Array(capacity);
  }

  /** The bracket stack of the parse, 4 ints an entry (see InlineParser), kept with the nodes for reuse. */
  brackets = new Int32Array(64);

  /** Forgets all nodes, keeping the storage. */
  clear(): void {
    this.size = 0;
  }

  add(kind: number, start: number, end: number): number {
    if (this.size === this.capacity) this.grow();
    const i = this.size++;
    this.kind[i] = kind;
    this.role[i] = R_PLAIN;
    this.start[i] = start;
    this.end[i] = end;
    this.parent[i] = this.prev[i] = this.next[i] = this.first[i] = this.last[i] = NONE;
    return i;
  }

  private grow(): void {
    this.capacity *= 2;
    const bytes = (a: Uint8Array): Uint8Array => {
      const b = new Uint8Array(this.capacity);
      b.set(a);
      return b;
    };
    const ints = (a: Int32Array): Int32Array => {
      const b = new Int32Array(this.capacity);
      b.set(a);
      return b;
    };
    this.kind = bytes(this.kind);
    this.role = bytes(this.role);
    this.flags = bytes(this.flags);
    this.start = ints(this.start);
    this.end = ints(this.end);
    this.parent = ints(this.parent);
    this.prev = ints(this.prev);
    this.next = ints(this.next);
    this.first = ints(this.first);
    this.last = ints(this.last);
    this.orig = ints(this.orig);
    this.prevDelim = ints(this.prevDelim);
    this.nextDelim = ints(this.nextDelim);
  }

  append(parent: number, child: number): void {
    const last = this.last[parent] ?? NONE;
    this.parent[child] = parent;
    this.prev[child] = last;
    this.next[child] = NONE;
    if (last === NONE) this.first[parent] = child;
    else this.next[last] = child;
    this.last[parent] = child;
  }

  unlink(node: number): void {
    const prev = this.prev[node] ?? NONE;
    const next = this.next[node] ?? NONE;
    const parent = this.parent[node] ?? NONE;
    if (prev !== NONE) this.next[prev] = next;
    else if (parent !== NONE) this.first[parent] = next;
    if (next !== NONE) this.prev[next] = prev;
    else if (parent !== NONE) this.last[parent] = prev;
    this.parent[node] = this.prev[node] = this.next[node] = NONE;
  }

  insertAfter(ref: number, node: number): void {
    const next = this.next[ref] ?? NONE;
    const parent = this.parent[ref] ?? NONE;
    this.parent[node] = parent;
    this.prev[node] = ref;
    this.next[node] = next;
    if (next !== NONE) this.prev[next] = node;
    else if (parent !== NONE) this.last[parent] = node;
    this.next[ref] = node;
  }

  /** Moves the siblings after `from` up to (not including) `until` into `parent`. */
  moveSiblings(from: number, until: number, parent: number): void {
    for (let node = this.next[from] ?? NONE; node !== NONE && node !== until; ) {
      const next = this.next[node] ?? NONE;
      this.unlink(node);
      this.append(parent, node);
      node = next;
    }
  }
}

const ASTERISK = 0x2a;
const UNDERSCORE = 0x5f;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
const CAN_OPEN = 1;
const CAN_CLOSE = 2;

/** ASCII punctuation (escapable), and the characters the inline scanner stops at. */
const ASCII_PUNCTUATION = new Uint8Array(128);
for (const ch of '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~') ASCII_PUNCTUATION[ch.charCodeAt(0)] = 1;
const SPECIAL = new Uint8Array(128);
for (const c of [NEWLINE, BACKSLASH, BACKTICK, ASTERISK, UNDERSCORE, OPEN_BRACKET, CLOSE_BRACKET]) SPECIAL[c] = 1;
/** A paragraph without any of these is one text node. */
const INLINE_TRIGGER = new Uint8Array(128);
for (const c of [NEWLINE, BACKSLASH, BACKTICK, ASTERISK, UNDERSCORE, OPEN_BRACKET, CLOSE_BRACKET, 0x40, 0x3a]) INLINE_TRIGGER[c] = 1;

const UNICODE_WHITESPACE = /\p{Zs}/u;
const UNICODE_PUNCTUATION = /[\p{P}\p{S}]/u;

function isAsciiPunctuation(c: number): boolean {
  return c < 128 && ASCII_PUNCTUATION[c] === 1;
}

function isWhitespaceChar(ch: string): boolean {
  if (ch === '') return true; // start or end of the text
  const c = ch.charCodeAt(0);
  if (c === SPACE || c === TAB || c === NEWLINE || c === 0x0c || c === 0x0d) return true;
  return c > 0x7f && UNICODE_WHITESPACE.test(ch);
}

function isPunctuationChar(ch: string): boolean {
  if (ch === '') return false;
  const c = ch.charCodeAt(0);
  if (c <= 0x7f) return isAsciiPunctuation(c);
  return UNICODE_PUNCTUATION.test(ch);
}

/** The code point (as a string) ending just before index i. */
function charBefore(s: string, i: number): string {
  if (i <= 0) return '';
  const c = s.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const h = s.charCodeAt(i - 2);
    if (h >= 0xd800 && h <= 0xdbff) return s.slice(i - 2, i);
  }
  return s.charAt(i - 1);
}

/** The code point (as a string) starting at index i. */
function charAt(s: string, i: number): string {
  if (i >= s.length) return '';
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return s.slice(i, i + 2);
  }
  return s.charAt(i);
}

class InlineParser {
  readonly src: string;
  readonly nodes: Nodes;
  readonly hrefs: string[] = [];
  private pos = 0;
  private readonly root: number;
  /** Top of the delimiter stack (a doubly linked list through prevDelim/nextDelim). */
  private delimiters = NONE;
  // The bracket stack, 4 ints an entry: the text node holding the '[', the '[' position, the
  // delimiter on top when it was pushed (emphasis inside the link stops there) and 1 while it can
  // still make a link.
  private bracketCount = 0;
  /** Backtick runs by length: their start positions in order, and how far the search has come. */
  private backtickRuns: Map<number, { starts: number[]; next: number }> | null = null;
  /** For each '(' its matching ')' (-1 if none); for each index, the last whitespace at or before it. */
  private parenMatch: Int32Array | null = null;
  private lastSpace: Int32Array | null = null;
  private readonly openersBottom: number[] = [];

  constructor(src: string, nodes: Nodes) {
    this.src = src;
    this.nodes = nodes;
    nodes.clear();
    this.root = nodes.add(K_ROOT, 0, 0);
  }

  /** Parses and returns the root node. */
  parse(): number {
    const { src, nodes, root } = this;
    const n = src.length;
    while (this.pos < n) {
      const c = src.charCodeAt(this.pos);
      switch (c) {
        case NEWLINE:
          nodes.append(root, nodes.add(K_BREAK, this.pos, this.pos));
          this.pos++;
          break;
        case BACKSLASH:
          this.escape();
          break;
        case BACKTICK:
          this.codeSpan();
          break;
        case ASTERISK:
        case UNDERSCORE:
          this.delimiterRun(c);
          break;
        case OPEN_BRACKET:
          this.openBracket();
          break;
        case CLOSE_BRACKET:
          this.closeBracket();
          break;
        default: {
          let end = this.pos + 1;
          while (end < n) {
            const d = src.charCodeAt(end);
            if (d < 128 && SPECIAL[d] === 1) break;
            end++;
          }
          this.appendText(this.pos, end);
          this.pos = end;
        }
      }
    }
    this.processEmphasis(NONE);
    return root;
  }

  /** Appends src[start, end) as plain text, extending the last node when it is plain text just before. */
  private appendText(start: number, end: number): number {
    const { nodes, root } = this;
    const last = nodes.last[root] ?? NONE;
    if (last !== NONE && nodes.kind[last] === K_TEXT && nodes.role[last] === R_PLAIN && nodes.end[last] === start) {
      nodes.end[last] = end;
      return last;
    }
    const node = nodes.add(K_TEXT, start, end);
    nodes.append(root, node);
    return node;
  }

  private escape(): void {
    const next = this.src.charCodeAt(this.pos + 1);
    if (next === NEWLINE) {
      // A backslash at the end of a line is the hard-break syntax: the newline is a break anyway.
      this.pos++;
    } else if (next === 0x40) {
      const node = this.nodes.add(K_TEXT, this.pos + 1, this.pos + 2);
      this.nodes.role[node] = R_ESCAPED_AT;
      this.nodes.append(this.root, node);
      this.pos += 2;
    } else if (isAsciiPunctuation(next)) {
      this.appendText(this.pos + 1, this.pos + 2);
      this.pos += 2;
    } else {
      this.appendText(this.pos, this.pos + 1);
      this.pos++;
    }
  }

  private codeSpan(): void {
    const { src } = this;
    const start = this.pos;
    let end = start;
    while (end < src.length && src.charCodeAt(end) === BACKTICK) end++;
    const length = end - start;
    const closer = this.findBacktickRun(length, start);
    if (closer === -1) {
      this.appendText(start, end);
      this.pos = end;
      return;
    }
    // One space on each side is stripped when both are there (to write `` `x` ``), unless all spaces.
    let from = end;
    let to = closer;
    if (to - from >= 2 && src.charCodeAt(from) === SPACE && src.charCodeAt(to - 1) === SPACE) {
      let allSpaces = true;
      for (let i = from; i < to && allSpaces; i++) allSpaces = src.charCodeAt(i) === SPACE;
      if (!allSpaces) {
        from++;
        to--;
      }
    }
    this.nodes.append(this.root, this.nodes.add(K_CODE, from, to));
    this.pos = closer + length;
  }

  /** The start of the first maximal run of exactly `length` backticks that starts after `after`, or -1. */
  private findBacktickRun(length: number, after: number): number {
    if (this.backtickRuns === null) {
      const runs = new Map<number, { starts: number[]; next: number }>();
      const { src } = this;
      for (let i = src.indexOf('`'); i !== -1; ) {
        let j = i;
        while (j < src.length && src.charCodeAt(j) === BACKTICK) j++;
        let entry = runs.get(j - i);
        if (entry === undefined) runs.set(j - i, (entry = { starts: [], next: 0 }));
        entry.starts.push(i);
        i = src.indexOf('`', j);
      }
      this.backtickRuns = runs;
    }
    const entry = this.backtickRuns.get(length);
    if (entry === undefined) return -1;
    // Searches only ever move forward, so each run is passed over once in all.
    while (entry.next < entry.starts.length && (entry.starts[entry.next] ?? 0) <= after) entry.next++;
    return entry.starts[entry.next] ?? -1;
  }

  private delimiterRun(ch: number): void {
    const { src, nodes } = this;
    const start = this.pos;
    let end = start;
    while (end < src.length && src.charCodeAt(end) === ch) end++;
    this.pos = end;
    const before = charBefore(src, start);
    const after = charAt(src, end);
    const afterSpace = isWhitespaceChar(after);
    const afterPunct = isPunctuationChar(after);
    const beforeSpace = isWhitespaceChar(before);
    const beforePunct = isPunctuationChar(before);
    const leftFlanking = !afterSpace && (!afterPunct || beforeSpace || beforePunct);
    const rightFlanking = !beforeSpace && (!beforePunct || afterSpace || afterPunct);
    let canOpen: boolean;
    let canClose: boolean;
    if (ch === ASTERISK) {
      canOpen = leftFlanking;
      canClose = rightFlanking;
    } else {
      // Underscores do not make emphasis inside words: snake_case_names stay text.
      canOpen = leftFlanking && (!rightFlanking || beforePunct);
      canClose = rightFlanking && (!leftFlanking || afterPunct);
    }
    if (!canOpen && !canClose) {
      this.appendText(start, end);
      return;
    }
    const node = nodes.add(K_TEXT, start, end);
    nodes.role[node] = R_DELIM;
    nodes.flags[node] = (canOpen ? CAN_OPEN : 0) | (canClose ? CAN_CLOSE : 0);
    nodes.orig[node] = end - start;
    nodes.prevDelim[node] = this.delimiters;
    nodes.nextDelim[node] = NONE;
    if (this.delimiters !== NONE) nodes.nextDelim[this.delimiters] = node;
    this.delimiters = node;
    nodes.append(this.root, node);
  }

  private openBracket(): void {
    let brackets = this.nodes.brackets;
    if (this.bracketCount * 4 === brackets.length) {
      const grown = new Int32Array(brackets.length * 2);
      grown.set(brackets);
      brackets = this.nodes.brackets = grown;
    }
    const at = this.bracketCount++ * 4;
    brackets[at] = this.appendText(this.pos, this.pos + 1);
    brackets[at + 1] = this.pos;
    brackets[at + 2] = this.delimiters;
    brackets[at + 3] = 1;
    this.pos++;
  }

  private closeBracket(): void {
    const { nodes } = this;
    let opener = NONE;
    let at = 0;
    let bottom = NONE;
    let active = false;
    const brackets = this.nodes.brackets;
    if (this.bracketCount > 0) {
      const top = --this.bracketCount * 4;
      opener = brackets[top] ?? NONE;
      at = brackets[top + 1] ?? 0;
      bottom = brackets[top + 2] ?? NONE;
      active = brackets[top + 3] === 1;
    }
    const destination = active ? this.linkDestination(this.pos + 1) : NONE;
    if (destination === NONE) {
      this.appendText(this.pos, this.pos + 1);
      this.pos++;
      return;
    }
    // Split the '[' off its text node; what follows it is the link text.
    const tailEnd = nodes.end[opener] ?? at;
    nodes.end[opener] = at;
    if (tailEnd > at + 1) nodes.insertAfter(opener, nodes.add(K_TEXT, at + 1, tailEnd));
    const link = nodes.add(K_LINK, this.hrefs.length - 1, 0);
    nodes.moveSiblings(opener, NONE, link);
    if (nodes.end[opener] === nodes.start[opener]) nodes.unlink(opener);
    nodes.append(this.root, link);
    this.processEmphasis(bottom);
    // No links inside links: earlier openers can no longer make one. Inactive ones are always at the
    // bottom of the stack, so stopping at the first keeps this linear.
    for (let i = this.bracketCount - 1; i >= 0 && brackets[i * 4 + 3] === 1; i--) brackets[i * 4 + 3] = 0;
    this.pos = destination;
  }

  /**
   * `(destination)` at `open`: no whitespace, balanced parentheses, backslash escapes; not empty.
   * Pushes the href and returns the position after the ')', or NONE.
   */
  private linkDestination(open: number): number {
    const { src } = this;
    if (src.charCodeAt(open) !== OPEN_PAREN) return NONE;
    if (this.parenMatch === null || this.lastSpace === null) {
      const n = src.length;
      const match = new Int32Array(n).fill(NONE);
      const lastSpace = new Int32Array(n);
      const openers: number[] = [];
      let space = NONE;
      for (let i = 0; i < n; i++) {
        const c = src.charCodeAt(i);
        if (c <= SPACE || c === 0x7f) space = i;
        lastSpace[i] = space;
        if (c === BACKSLASH && i + 1 < n && isAsciiPunctuation(src.charCodeAt(i + 1))) {
          lastSpace[i + 1] = space;
          i++;
        } else if (c === OPEN_PAREN) {
          openers.push(i);
        } else if (c === CLOSE_PAREN) {
          const o = openers.pop();
          if (o !== undefined) match[o] = i;
        }
      }
      this.parenMatch = match;
      this.lastSpace = lastSpace;
    }
    const close = this.parenMatch[open] ?? NONE;
    if (close <= open + 1 || (this.lastSpace[close - 1] ?? 0) > open) return NONE;
    let href = '';
    let from = open + 1;
    for (let i = open + 1; i < close; i++) {
      if (src.charCodeAt(i) === BACKSLASH && i + 1 < close && isAsciiPunctuation(src.charCodeAt(i + 1))) {
        href += src.slice(from, i);
        from = i + 1;
        i++;
      }
    }
    this.hrefs.push(href + src.slice(from, close));
    return close + 1;
  }

  private removeDelimiter(d: number): void {
    const { nodes } = this;
    const prev = nodes.prevDelim[d] ?? NONE;
    const next = nodes.nextDelim[d] ?? NONE;
    if (prev !== NONE) nodes.nextDelim[prev] = next;
    if (next !== NONE) nodes.prevDelim[next] = prev;
    else this.delimiters = prev;
  }

  /** CommonMark's process_emphasis, over the delimiters above `bottom`. */
  private processEmphasis(bottom: number): void {
    const { nodes } = this;
    // (The arrays are read through `nodes` each time: adding a node may grow them.)
    const src = this.src;
    // Lower bounds for the opener search, by closer char, can-open and length mod 3.
    const openersBottom = this.openersBottom;
    for (let i = 0; i < 12; i++) openersBottom[i] = bottom;
    let closer = this.delimiters;
    while (closer !== NONE && (nodes.prevDelim[closer] ?? NONE) !== bottom) closer = nodes.prevDelim[closer] ?? NONE;
    while (closer !== NONE) {
      const closerFlags = nodes.flags[closer] ?? 0;
      if ((closerFlags & CAN_CLOSE) === 0) {
        closer = nodes.nextDelim[closer] ?? NONE;
        continue;
      }
      const ch = src.charCodeAt(nodes.start[closer] ?? 0);
      const closerOrig = nodes.orig[closer] ?? 0;
      const closerCanOpen = (closerFlags & CAN_OPEN) !== 0;
      const index = (ch === UNDERSCORE ? 0 : 6) + (closerCanOpen ? 3 : 0) + (closerOrig % 3);
      let opener = nodes.prevDelim[closer] ?? NONE;
      let found = false;
      while (opener !== NONE && opener !== bottom && opener !== openersBottom[index]) {
        const openerFlags = nodes.flags[opener] ?? 0;
        const openerOrig = nodes.orig[opener] ?? 0;
        const oddMatch =
          (closerCanOpen || (openerFlags & CAN_CLOSE) !== 0) && closerOrig % 3 !== 0 && (openerOrig + closerOrig) % 3 === 0;
        if ((openerFlags & CAN_OPEN) !== 0 && src.charCodeAt(nodes.start[opener] ?? 0) === ch && !oddMatch) {
          found = true;
          break;
        }
        opener = nodes.prevDelim[opener] ?? NONE;
      }
      if (found) {
        const openerCount = (nodes.end[opener] ?? 0) - (nodes.start[opener] ?? 0);
        const closerCount = (nodes.end[closer] ?? 0) - (nodes.start[closer] ?? 0);
        const used = closerCount >= 2 && openerCount >= 2 ? 2 : 1;
        const markerEnd = nodes.end[opener] ?? 0;
        const emphasis = nodes.add(used === 2 ? K_STRONG : K_EM, markerEnd - used, markerEnd);
        nodes.end[opener] = markerEnd - used;
        nodes.start[closer] = (nodes.start[closer] ?? 0) + used;
        nodes.moveSiblings(opener, closer, emphasis);
        nodes.insertAfter(opener, emphasis);
        // The delimiters between opener and closer are inside the emphasis now.
        nodes.nextDelim[opener] = closer;
        nodes.prevDelim[closer] = opener;
        if (openerCount === used) {
          nodes.unlink(opener);
          this.removeDelimiter(opener);
        }
        if (closerCount === used) {
          nodes.unlink(closer);
          const next = nodes.nextDelim[closer] ?? NONE;
          this.removeDelimiter(closer);
          closer = next;
        }
      } else {
        const oldCloser = closer;
        closer = nodes.nextDelim[closer] ?? NONE;
        openersBottom[index] = nodes.prevDelim[oldCloser] ?? NONE;
        if (!closerCanOpen) this.removeDelimiter(oldCloser);
      }
    }
    while (this.delimiters !== NONE && this.delimiters !== bottom) this.removeDelimiter(this.delimiters);
  }
}

let spareNodes: Nodes | null = null;

/** One output array being filled, with the text collected for it until the next non-text node. */
interface Frame {
  next: number;
  out: Inline[];
  /** Collected text: `text` then the source range [from, to). */
  text: string;
  from: number;
  to: number;
  /** Offsets in the collected text of backslash-escaped '@' characters, which never start a mention. */
  escapedAt: number[] | null;
  depth: number;
  inLink: boolean;
}

function newFrame(next: number, out: Inline[], depth: number, inLink: boolean): Frame {
  return { next, out, text: '', from: 0, to: 0, escapedAt: null, depth, inLink };
}

/** Adds source[start, end) to the frame's text, extending the current range when contiguous. */
function addText(frame: Frame, source: string, start: number, end: number): void {
  if (end <= start) return;
  if (frame.to === start) {
    frame.to = end;
    return;
  }
  if (frame.to > frame.from) frame.text += source.slice(frame.from, frame.to);
  frame.from = start;
  frame.to = end;
}

/** Emits the frame's collected text, split into text, autolinks and mentions (plain text inside links). */
function flush(frame: Frame, source: string): void {
  if (frame.to > frame.from) frame.text += source.slice(frame.from, frame.to);
  const { text, escapedAt } = frame;
  frame.text = '';
  frame.from = frame.to = 0;
  frame.escapedAt = null;
  if (text.length === 0) return;
  if (frame.inLink) frame.out.push({ type: 'text', text });
  else splitAutolinksAndMentions(text, escapedAt, frame.out);
}

function parseInline(source: string, maxDepth: number): Inline[] {
  // Most paragraphs are plain text.
  let plain = true;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c < 128 && INLINE_TRIGGER[c] === 1) {
      plain = false;
      break;
    }
  }
  if (plain) return source.length === 0 ? [] : [{ type: 'text', text: source }];

  // The node store is reused from one paragraph to the next (parsing is synchronous); a store grown
  // by a huge paragraph is let go afterwards rather than kept.
  const nodes = spareNodes ?? new Nodes(1024);
  spareNodes = null;
  const parser = new InlineParser(source, nodes);
  const root = parser.parse();
  const { hrefs } = parser;
  const out: Inline[] = [];
  // Frames are reused by level: levels are bounded by the depth cap (plus one for a link).
  const frames: Frame[] = [newFrame(nodes.first[root] ?? NONE, out, 0, false)];
  let level = 0;
  for (;;) {
    const frame = frames[level];
    if (frame === undefined) break;
    const node = frame.next;
    if (node === NONE) {
      flush(frame, source);
      if (level === 0) break;
      level--;
      continue;
    }
    frame.next = nodes.next[node] ?? NONE;
    const kind = nodes.kind[node];
    const start = nodes.start[node] ?? 0;
    const end = nodes.end[node] ?? 0;
    if (kind === K_TEXT) {
      if (nodes.role[node] === R_ESCAPED_AT) (frame.escapedAt ??= []).push(frame.text.length + frame.to - frame.from);
      addText(frame, source, start, end);
    } else if (kind === K_CODE) {
      flush(frame, source);
      frame.out.push({ type: 'code', text: source.slice(start, end) });
    } else if (kind === K_BREAK) {
      flush(frame, source);
      frame.out.push({ type: 'break' });
    } else if ((kind === K_EM || kind === K_STRONG) && frame.depth >= maxDepth) {
      // Nested too deep: the markers are text, the content continues at this level.
      addText(frame, source, start, end);
      const first = nodes.first[node] ?? NONE;
      const last = nodes.last[node] ?? NONE;
      if (first !== NONE && last !== NONE) {
        const close = nodes.add(K_TEXT, start, end);
        nodes.next[close] = nodes.next[node] ?? NONE;
        nodes.next[last] = close;
        frame.next = first;
      } else {
        addText(frame, source, start, end);
      }
    } else {
      flush(frame, source);
      const children: Inline[] = [];
      const isLink = kind === K_LINK;
      if (isLink) frame.out.push({ type: 'link', href: hrefs[start] ?? '', children });
      else frame.out.push({ type: kind === K_EM ? 'em' : 'strong', children });
      level++;
      const depth = isLink ? frame.depth : frame.depth + 1;
      const inLink = isLink || frame.inLink;
      const first = nodes.first[node] ?? NONE;
      const child = frames[level];
      if (child === undefined) {
        frames[level] = newFrame(first, children, depth, inLink);
      } else {
        child.next = first;
        child.out = children;
        child.depth = depth;
        child.inLink = inLink;
      }
    }
  }
  if (nodes.capacity <= 1 << 16) spareNodes = nodes;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Autolinks and mentions, found in the final text (never inside links or code).

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const NAME_CHAR = /[\p{L}\p{M}\p{N}]/u;
const NAME_START = /[\p{L}\p{N}]/u;
const ZWNJ = 0x200c;
const ZWJ = 0x200d;
/** Trailing characters that end a sentence rather than a URL. */
const URL_TRAILING = '.,;:!?\'"*_~…،؛؟。';

function isAsciiAlphanumeric(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isWordBefore(s: string, i: number): boolean {
  const ch = charBefore(s, i);
  if (ch === '') return false;
  const c = ch.charCodeAt(0);
  return c <= 0x7f ? isAsciiAlphanumeric(c) : LETTER_OR_DIGIT.test(ch);
}

/** Characters that end a bare URL: whitespace, controls, < > " and `. */
function endsUrl(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c <= SPACE || c === 0x7f || c === 0x3c || c === 0x3e || c === 0x22 || c === BACKTICK) return true;
  return c > 0x7f && isWhitespaceChar(s.charAt(i));
}

/** The end of a bare http(s) URL starting at i, or -1. */
function autolinkEnd(s: string, i: number): number {
  const head = s.slice(i, i + 8).toLowerCase();
  const bodyStart = head.startsWith('https://') ? i + 8 : head.startsWith('http://') ? i + 7 : -1;
  if (bodyStart === -1) return -1;
  // A host needs a letter or digit before any '/', '?' or '#'. Checked first: a failed attempt then
  // costs no more than the characters up to the next letter, which keeps the whole scan linear.
  let hasHost = false;
  for (let j = bodyStart; j < s.length && !endsUrl(s, j); j++) {
    const c = s.charCodeAt(j);
    if (c === 0x2f || c === 0x3f || c === 0x23) break;
    if (isAsciiAlphanumeric(c) || (c > 0x7f && LETTER_OR_DIGIT.test(charAt(s, j)))) {
      hasHost = true;
      break;
    }
  }
  if (!hasHost) return -1;
  let end = bodyStart;
  let opens = 0;
  let closes = 0;
  let squareOpens = 0;
  let squareCloses = 0;
  for (; end < s.length && !endsUrl(s, end); end++) {
    const c = s.charCodeAt(end);
    if (c === 0x28) opens++;
    else if (c === 0x29) closes++;
    else if (c === 0x5b) squareOpens++;
    else if (c === 0x5d) squareCloses++;
  }
  // Sentence punctuation after the URL is not part of it; a closing bracket only when unbalanced.
  while (end > bodyStart) {
    const ch = s.charAt(end - 1);
    if (URL_TRAILING.includes(ch)) end--;
    else if (ch === ')' && closes > opens) {
      closes--;
      end--;
    } else if (ch === ']' && squareCloses > squareOpens) {
      squareCloses--;
      end--;
    } else break;
  }
  return end;
}

function isNameChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c <= 0x7f) return isAsciiAlphanumeric(c) || c === UNDERSCORE || c === 0x2e || c === 0x2d;
  return c === ZWNJ || c === ZWJ || NAME_CHAR.test(ch);
}

/** May a mention start right after this character? Not inside words, emails, paths or `@@`. */
function mentionMayFollow(ch: string): boolean {
  if (ch === '') return true;
  if (ch === '@' || ch === '/' || isNameChar(ch)) return false;
  return true;
}

/** The end of a mention name starting at i (just after '@'), or i when there is none. */
function mentionEnd(s: string, i: number): number {
  const first = charAt(s, i);
  if (first === '' || !(first === '_' || NAME_START.test(first))) return i;
  let end = i;
  while (end < s.length) {
    const ch = charAt(s, end);
    if (!isNameChar(ch)) break;
    end += ch.length;
  }
  // Not ending with '.', '-' or a joiner: “@sara.” mentions sara.
  while (end > i) {
    const c = s.charCodeAt(end - 1);
    if (c === 0x2e || c === 0x2d || c === ZWNJ || c === ZWJ) end--;
    else break;
  }
  return end;
}

function splitAutolinksAndMentions(text: string, escapedAt: number[] | null, out: Inline[]): void {
  let last = 0;
  let escapedIndex = 0;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if ((c === 0x68 || c === 0x48) && !isWordBefore(text, i)) {
      const end = autolinkEnd(text, i);
      if (end !== -1) {
        if (i > last) out.push({ type: 'text', text: text.slice(last, i) });
        out.push({ type: 'autolink', href: text.slice(i, end) });
        last = i = end;
        continue;
      }
    } else if (c === 0x40) {
      let escaped = false;
      if (escapedAt !== null) {
        while (escapedIndex < escapedAt.length && (escapedAt[escapedIndex] ?? 0) < i) escapedIndex++;
        escaped = escapedAt[escapedIndex] === i;
      }
      if (!escaped && mentionMayFollow(charBefore(text, i))) {
        const end = mentionEnd(text, i + 1);
        if (end > i + 1) {
          if (i > last) out.push({ type: 'text', text: text.slice(last, i) });
          out.push({ type: 'mention', name: text.slice(i + 1, end) });
          last = i = end;
          continue;
        }
      }
    }
    i++;
  }
  if (last < text.length) out.push({ type: 'text', text: last === 0 ? text : text.slice(last) });
}
