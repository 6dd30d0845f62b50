/**
 * Runs in the browser (bundled by bench/render.mjs): renders N comments in <majlis-comments> and the
 * same DOM built by plain DOM calls, and times the first paint of a thread scrolled into view.
 * The adapter answers from a cache, so what is measured is rendering, not the engine.
 */
import { LocalAdapter } from '../src/adapters/local/local-adapter.js';
import type { CommunityAdapter } from '../src/core/adapter.js';
import { MajlisComments } from '../src/define/comments.js';
import '../src/define/community.js';
import { ManualClock } from '../src/engine/clock.js';
import { Engine } from '../src/engine/engine.js';

export interface ElementRender {
  /** From the start of the update that puts the comments in, to the end of a layout forced right after it. */
  render: number;
  /** From insertion into the page (loading included) to laid out. */
  total: number;
  nodes: number;
}
export interface FirstPaint {
  /** From the scroll to the end of the first frame that shows comments on screen. */
  time: number;
  /** The longest main-thread task (≥ 50 ms, as the longtask API reports them) in that time, or 0. */
  longestTask: number;
  longTasks: number;
  /** Whether the thread had loaded anything before it came near the viewport (it must not). */
  loadedEarly: boolean;
}

declare global {
  interface Window {
    bench: {
      prepare(count: number): Promise<void>;
      renderElement(count: number): Promise<ElementRender>;
      renderByHand(count: number): Promise<{ time: number; nodes: number; customElements: number }>;
      firstPaint(count: number): Promise<FirstPaint>;
    };
  }
}

const adapters = new Map<number, CommunityAdapter>();

async function prepare(count: number): Promise<void> {
  if (adapters.has(count)) return;
  const clock = new ManualClock('2026-01-01T00:00:00Z');
  const engine = new Engine({ clock, rules: { paging: { defaultLimit: 20, maxLimit: 5000 } } });
  const authors = Array.from({ length: 50 }, (_, i) => ({ id: `a${i}`, name: `Author ${i}` }));
  for (let i = 0; i < count; i++) {
    clock.advance(4000);
    await engine.postComment(authors[i % 50]!, { thread: 'bench', body: `Comment number ${i}, with **some** text that wraps a little on a narrow screen.` }, `bench-key-${count}-${i}`);
  }
  const adapter = new LocalAdapter({ engine, viewer: null });
  const page = await adapter.comments.list({ thread: 'bench', limit: count });
  const members = await adapter.members.getMany(authors.map((a) => a.id));
  adapters.set(count, {
    ...adapter,
    name: 'cached',
    session: { viewer: async () => null },
    comments: { ...adapter.comments, list: async () => page },
    members: { ...adapter.members, getMany: async () => members },
  });
}

const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
/** Before each measure (Chromium runs with --expose-gc): garbage of the previous one is not charged to the next. */
const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

/** Resolves at the end of the first frame in which `ready()` holds: checked before the frame renders, timed after it. */
function endOfFirstFrameWhere(ready: () => boolean): Promise<number> {
  return new Promise((resolve) => {
    const check = () => {
      if (!ready()) return requestAnimationFrame(check);
      // A message posted during the frame is handled once the frame's style, layout and paint are done.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    };
    requestAnimationFrame(check);
  });
}

/**
 * The update that puts the comments in, timed to the end of a layout forced right after it, as the
 * hand-built copy is: waiting for the loop below to notice would let a whole frame (style, layout
 * and paint) run first, which the hand-built copy is never charged.
 */
let rendered = { start: 0, laidOut: 0 };
const proto = MajlisComments.prototype as unknown as { update(changed: unknown): void };
const originalUpdate = proto.update;
proto.update = function (this: MajlisComments, changed: unknown) {
  const hadComments = !!this.shadowRoot?.querySelector('[part~="comment"]');
  const start = performance.now();
  originalUpdate.call(this, changed);
  if (hadComments || !this.shadowRoot?.querySelector('[part~="comment"]')) return;
  void (this.shadowRoot.firstElementChild as HTMLElement | null)?.offsetHeight;
  rendered = { start, laidOut: performance.now() };
};

function makeThread(count: number): { provider: HTMLElement; thread: MajlisComments } {
  const provider = document.createElement('majlis-community');
  provider.adapter = adapters.get(count)!;
  const thread = document.createElement('majlis-comments');
  thread.setAttribute('thread', 'bench');
  thread.setAttribute('page-size', String(count));
  provider.append(thread);
  return { provider, thread };
}

const commentsIn = (thread: Element) => thread.shadowRoot?.querySelectorAll('[part~="comment"]').length ?? 0;
const countNodes = (root: Node): number => {
  let n = 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) n++;
  return n;
};

/** The element's output as data (Lit's comment markers left out), for the hand-built copy. */
type Blueprint = string | { tag: string; attributes: [string, string][]; children: Blueprint[] };
const blueprints = new Map<number, Blueprint[]>();
const capture = (node: Node): Blueprint[] => {
  if (node.nodeType === Node.TEXT_NODE) return [node.textContent ?? ''];
  if (!(node instanceof Element)) return [];
  return [{ tag: node.localName, attributes: [...node.attributes].map((a) => [a.name, a.value]), children: [...node.childNodes].flatMap(capture) }];
};

async function renderElement(count: number): Promise<ElementRender> {
  const host = document.createElement('div');
  document.body.append(host);
  const { provider, thread } = makeThread(count);
  collectGarbage();
  await frame();
  const start = performance.now();
  host.append(provider);
  while (commentsIn(thread) !== count) await new Promise((r) => setTimeout(r, 0));
  void (thread.shadowRoot!.firstElementChild as HTMLElement | null)?.offsetHeight;
  const laidOut = performance.now();
  if (!blueprints.has(count)) blueprints.set(count, [...thread.shadowRoot!.childNodes].flatMap(capture));
  const nodes = countNodes(thread.shadowRoot!);
  await frame();
  host.remove();
  return { render: rendered.laidOut - rendered.start, total: laidOut - start, nodes };
}

const noop = () => undefined;

/** The same DOM as the element's, made with createElement, setAttribute and append, in a shadow root with the same styles. */
async function renderByHand(count: number): Promise<{ time: number; nodes: number; customElements: number }> {
  const blueprint = blueprints.get(count);
  if (!blueprint) throw new Error(`render the element with ${count} comments first: its output is the blueprint`);
  const host = document.createElement('div');
  document.body.append(host);
  collectGarbage();
  await frame();
  const start = performance.now();
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = MajlisComments.elementStyles.map((s) => (s instanceof CSSStyleSheet ? s : s.styleSheet!));
  const build = (parent: Node, items: Blueprint[]) => {
    for (const item of items) {
      if (typeof item === 'string') {
        parent.appendChild(document.createTextNode(item));
        continue;
      }
      const element = document.createElement(item.tag);
      for (const [name, value] of item.attributes) element.setAttribute(name, value);
      // The element listens on its buttons; so does a hand-written thread.
      if (item.tag === 'button') element.addEventListener('click', noop);
      build(element, item.children);
      parent.appendChild(element);
    }
  };
  build(root, blueprint);
  void (root.firstElementChild as HTMLElement | null)?.offsetHeight;
  const laidOut = performance.now();
  const nodes = countNodes(root);
  const customElements = [...root.querySelectorAll('*')].filter((e) => e.localName.includes('-')).length;
  await frame();
  host.remove();
  return { time: laidOut - start, nodes, customElements };
}

/** A thread far below the fold is scrolled into view: time to its first frame with comments on screen. */
async function firstPaint(count: number): Promise<FirstPaint> {
  const spacer = document.createElement('div');
  spacer.style.height = '4000px';
  const { provider, thread } = makeThread(count);
  document.body.append(spacer, provider);
  collectGarbage();
  await frame();
  await frame();
  const loadedEarly = commentsIn(thread) > 0;
  const tasks: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
  observer.observe({ type: 'longtask' });
  const start = performance.now();
  thread.scrollIntoView({ block: 'start' });
  const end = await endOfFirstFrameWhere(() => {
    const first = thread.shadowRoot?.querySelector('[part~="comment"]');
    if (!first) return false;
    const box = first.getBoundingClientRect();
    return box.top < innerHeight && box.bottom > 0;
  });
  // Long tasks are reported after they end: give the last one a moment to arrive.
  await new Promise((r) => setTimeout(r, 50));
  tasks.push(...observer.takeRecords());
  observer.disconnect();
  const during = tasks.filter((t) => t.startTime < end && t.startTime + t.duration > start);
  spacer.remove();
  provider.remove();
  scrollTo(0, 0);
  await frame();
  return { time: end - start, longestTask: Math.max(0, ...during.map((t) => t.duration)), longTasks: during.length, loadedEarly };
}

window.bench = { prepare, renderElement, renderByHand, firstPaint };
