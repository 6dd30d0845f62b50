/**
 * Runs in the browser: renders N comments in <majlis-comments> and the same DOM built by hand,
 * each measured from start to a laid-out frame, several times. Results go to window.results.
 */
import { LocalAdapter } from '../src/adapters/local/local-adapter.js';
import type { CommunityAdapter } from '../src/core/adapter.js';
import { MajlisComments } from '../src/define/comments.js';
import '../src/define/community.js';
import { ManualClock } from '../src/engine/clock.js';
import { Engine } from '../src/engine/engine.js';

declare global {
  interface Window {
    runBench(counts: number[], repeats: number): Promise<Record<string, { element: number[]; elementTotal: number[]; hand: number[] }>>;
  }
}

async function community(count: number): Promise<CommunityAdapter> {
  const clock = new ManualClock('2026-01-01T00:00:00Z');
  const engine = new Engine({ clock, rules: { paging: { defaultLimit: 20, maxLimit: 5000 } } });
  const authors = Array.from({ length: 50 }, (_, i) => ({ id: `a${i}`, name: `Author ${i}` }));
  for (let i = 0; i < count; i++) {
    clock.advance(4000);
    await engine.postComment(authors[i % 50]!, { thread: 'bench', body: `Comment number ${i}, with **some** text that wraps a little on a narrow screen.` }, `bench-key-${count}-${i}`);
  }
  const adapter = new LocalAdapter({ engine, viewer: null });
  // Measure rendering, not the engine: answer from a cache.
  const page = await adapter.comments.list({ thread: 'bench', limit: count });
  const members = await adapter.members.getMany(authors.map((a) => a.id));
  return { ...adapter, name: 'cached', session: { viewer: async () => null }, comments: { ...adapter.comments, list: async () => page }, members: { ...adapter.members, getMany: async () => members } };
}

const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

/** When the update that puts the data on screen began: the element's rendering, apart from loading. */
let renderStart = 0;
const proto = MajlisComments.prototype as unknown as { update(changed: unknown): void };
const originalUpdate = proto.update;
proto.update = function (this: MajlisComments, changed: unknown) {
  const before = this.shadowRoot?.querySelectorAll('[part~="comment"]').length ?? 0;
  const start = performance.now();
  originalUpdate.call(this, changed);
  if (before === 0 && (this.shadowRoot?.querySelectorAll('[part~="comment"]').length ?? 0) > 0) renderStart = start;
};

async function renderElement(adapter: CommunityAdapter, count: number): Promise<{ total: number; render: number }> {
  const host = document.createElement('div');
  document.body.append(host);
  const provider = document.createElement('majlis-community');
  provider.adapter = adapter;
  const thread = document.createElement('majlis-comments');
  thread.setAttribute('thread', 'bench');
  thread.setAttribute('page-size', String(count));
  provider.append(thread);
  await frame();
  const start = performance.now();
  host.append(provider);
  while (thread.shadowRoot?.querySelectorAll('[part~="comment"]').length !== count) await new Promise((r) => setTimeout(r, 0));
  void (thread.shadowRoot.firstElementChild as HTMLElement | null)?.offsetHeight;
  const laidOut = performance.now();
  await frame();
  const time = performance.now() - start;
  host.remove();
  return { total: time, render: laidOut - renderStart };
}

async function renderByHand(adapter: CommunityAdapter, _count: number): Promise<number> {
  const page = await adapter.comments!.list({ thread: 'bench' });
  const members = new Map((await adapter.members!.getMany([])).map((m) => [m.id, m]));
  const host = document.createElement('div');
  document.body.append(host);
  await frame();
  const start = performance.now();
  const root = host.attachShadow({ mode: 'open' });
  // The same stylesheets as the element, so both pay for the same styling.
  root.adoptedStyleSheets = MajlisComments.elementStyles.map((s) => (s instanceof CSSStyleSheet ? s : s.styleSheet!));
  const list = document.createElement('ol');
  for (const c of page.items) {
    const li = document.createElement('li');
    const article = document.createElement('article');
    const header = document.createElement('header');
    const avatar = document.createElement('span');
    avatar.textContent = 'AU';
    const name = document.createElement('span');
    name.textContent = members.get(c.authorId)?.name ?? '';
    const time = document.createElement('time');
    time.dateTime = c.createdAt;
    time.textContent = 'a month ago';
    header.append(avatar, name, time);
    const body = document.createElement('p');
    body.append(`Comment number ${page.items.indexOf(c)}, with `, Object.assign(document.createElement('strong'), { textContent: 'some' }), ' text that wraps a little on a narrow screen.');
    const reactions = document.createElement('div');
    for (const emoji of ['👍', '❤️', '😂', '🎉', '🤔']) reactions.append(Object.assign(document.createElement('button'), { textContent: emoji }));
    const actions = document.createElement('div');
    actions.append(Object.assign(document.createElement('button'), { textContent: 'Report' }));
    article.append(header, body, reactions, actions);
    li.append(article);
    list.append(li);
  }
  root.append(list);
  void list.offsetHeight;
  const laidOut = performance.now();
  await frame();
  host.remove();
  return laidOut - start;
}

window.runBench = async (counts, repeats) => {
  const results: Record<string, { element: number[]; elementTotal: number[]; hand: number[] }> = {};
  for (const count of counts) {
    const adapter = await community(count);
    results[count] = { element: [], elementTotal: [], hand: [] };
    await renderElement(adapter, count);
    await renderByHand(adapter, count);
    for (let i = 0; i < repeats; i++) {
      const element = await renderElement(adapter, count);
      results[count]!.element.push(element.render);
      results[count]!.elementTotal.push(element.total);
      results[count]!.hand.push(await renderByHand(adapter, count));
    }
  }
  return results;
};
