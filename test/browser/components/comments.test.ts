import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { LocalAdapter } from '../../../src/adapters/local/local-adapter.js';
import type { CallOptions, CommunityAdapter } from '../../../src/core/adapter.js';
import { AdapterError } from '../../../src/core/errors.js';
import type { ViewerClaims } from '../../../src/core/types.js';
import '../../../src/define/comments.js';
import '../../../src/define/community.js';
import type { MajlisComments } from '../../../src/define/comments.js';
import { ManualClock } from '../../../src/engine/clock.js';
import { Engine } from '../../../src/engine/engine.js';
import type { MajlisReportRequestEvent } from '../../../src/events/report-request.js';
import type { MajlisSignInRequestEvent } from '../../../src/events/sign-in-request.js';

let n = 0;
const key = () => ({ idempotencyKey: `comments-test-${++n}-key` });
const member = (i: number): ViewerClaims => ({ id: `author-${i}`, name: `Author ${i}` });
const reader: ViewerClaims = { id: 'reader', name: 'Reader' };

async function setup(bodies: string[] = [], options: { viewer?: ViewerClaims | null } = {}) {
  const clock = new ManualClock('2026-05-04T10:00:00Z');
  const engine = new Engine({ clock });
  const posted = [];
  for (const [i, body] of bodies.entries()) {
    clock.advance(60_000);
    posted.push(await new LocalAdapter({ engine, viewer: member(i) }).comments.post({ thread: 't', body }, key()));
  }
  const adapter = new LocalAdapter({ engine, viewer: options.viewer === undefined ? reader : options.viewer });
  return { engine, clock, adapter, posted };
}

async function mount(adapter: CommunityAdapter, attrs = '', lang = 'en') {
  const wrapper = await fixture(html`<div lang=${lang}><majlis-community .adapter=${adapter}></majlis-community></div>`);
  const community = wrapper.querySelector('majlis-community')!;
  const el = document.createElement('majlis-comments');
  el.setAttribute('thread', 't');
  for (const pair of attrs.split(' ').filter(Boolean)) {
    const [name, value = ''] = pair.split('=');
    el.setAttribute(name!, value);
  }
  community.append(el);
  await waitUntil(() => !el.matches(':state(loading)') && el.shadowRoot?.querySelector('[part~="base"]'), 'the thread loaded', { timeout: 4000 });
  await el.updateComplete;
  return el as MajlisComments;
}

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as HTMLElement;
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll(selector)] as HTMLElement[];
const bodies = (el: Element) => $$(el, '[part~="body"]').map((b) => b.textContent!.trim());

describe('<majlis-comments> reading', () => {
  it('shows each comment with its author, time and rendered markdown', async () => {
    const { adapter } = await setup(['Hello **world**', 'Second']);
    const el = await mount(adapter);
    expect(bodies(el)).to.deep.equal(['Hello world', 'Second']);
    expect($(el, 'strong').textContent).to.equal('world');
    expect($$(el, '[part~="author-name"]').map((a) => a.textContent!.trim())).to.deep.equal(['Author 0', 'Author 1']);
    expect($(el, 'time').getAttribute('datetime')).to.match(/^2026-05-04T10:01/);
    expect($(el, '.count').textContent).to.equal('2 comments');
    await expect(el).to.be.accessible();
  });

  it('shows the 20 authors that come with a page without asking for them, and asks once when an adapter leaves them out', async () => {
    const { adapter } = await setup(Array.from({ length: 20 }, (_, i) => `comment ${i}`));
    let calls = 0;
    const members = { ...adapter.members, getMany: (ids: string[], o?: CallOptions) => (calls++, adapter.members.getMany(ids, o)) };
    const counting: CommunityAdapter = { ...adapter, name: 'counting', session: adapter.session, comments: adapter.comments, members };
    const el = await mount(counting);
    expect($$(el, '[part~="comment"]')).to.have.length(20);
    expect($$(el, '[part~="author-name"]').map((a) => a.textContent!.trim())).to.include('Author 19');
    expect(calls, 'the page brought its authors').to.equal(0);
    (el.closest('majlis-community') ?? el).remove();

    const withoutMembers: CommunityAdapter = {
      ...counting,
      name: 'without-members',
      comments: {
        ...adapter.comments,
        list: async (q, o) => {
          const { members: _sent, ...page } = await adapter.comments.list(q, o);
          return page;
        },
      },
    };
    const other = await mount(withoutMembers);
    expect($$(other, '[part~="author-name"]').map((a) => a.textContent!.trim())).to.include('Author 19');
    expect(calls, 'one batched request for the 20 authors').to.equal(1);
  });

  it('pages with “load more” and moves focus to the first new comment', async () => {
    const { adapter } = await setup(Array.from({ length: 25 }, (_, i) => `c${i}`));
    const el = await mount(adapter, 'page-size=10');
    expect(bodies(el)).to.have.length(10);
    $(el, '[part="load-more"]').click();
    await waitUntil(() => bodies(el).length === 20);
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.getAttribute('data-comment-id')).to.equal($$(el, '[part~="comment"]')[10]!.getAttribute('data-comment-id'));
    $(el, '[part="load-more"]').click();
    await waitUntil(() => bodies(el).length === 25);
    expect($(el, '[part="load-more"]')).to.equal(null);
    expect(bodies(el)[24]).to.equal('c24');
  });

  it('sorts newest first when asked', async () => {
    const { adapter } = await setup(['first', 'second', 'third']);
    const el = await mount(adapter);
    const select = $(el, '[part="sort"]') as HTMLSelectElement;
    select.value = 'newest';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => bodies(el)[0] === 'third');
    expect(bodies(el)).to.deep.equal(['third', 'second', 'first']);
  });

  it('shows replies on demand, nested, and flattens deeper ones with whom they answer', async () => {
    const { adapter, engine, clock, posted } = await setup(['root']);
    let parent = posted[0]!.id;
    for (let depth = 1; depth <= 3; depth++) {
      clock.advance(60_000);
      parent = (await new LocalAdapter({ engine, viewer: member(depth) }).comments.post({ thread: 't', body: `depth ${depth}`, parentId: parent }, key())).id;
    }
    const el = await mount(adapter, 'max-depth=2');
    expect($(el, '[part="replies-button"]').textContent!.trim()).to.equal('Show 1 reply');
    $(el, '[part="replies-button"]').click();
    await waitUntil(() => bodies(el).includes('depth 1'));
    await el.updateComplete;
    $$(el, '[part="replies-button"]').at(-1)!.click();
    await waitUntil(() => bodies(el).includes('depth 2'));
    await el.updateComplete;
    $$(el, '[part="replies-button"]').at(-1)!.click();
    await waitUntil(() => bodies(el).includes('depth 3'));
    await el.updateComplete;
    const deepest = $(el, `[data-comment-id] .reply-to`);
    expect(deepest.textContent).to.equal('Replying to @Author 1');
    // Flat: depth 2 and 3 share one list level under depth 1.
    const replyLists = $$(el, 'ol.replies');
    expect(replyLists).to.have.length(1);
    await expect(el).to.be.accessible();
  });
});

describe('<majlis-comments> reacting and reporting', () => {
  it('toggles a reaction at once, and keeps it when the adapter agrees', async () => {
    const { adapter } = await setup(['react to me']);
    const el = await mount(adapter);
    const thumbs = () => $$(el, '[part="reaction"]').find((b) => b.textContent!.includes('👍'))!;
    thumbs().click();
    await el.updateComplete;
    expect(thumbs().getAttribute('aria-pressed')).to.equal('true');
    await waitUntil(async () => (await adapter.comments.list({ thread: 't' })).items[0]!.reactions[0]?.mine === true);
    expect(thumbs().textContent!.replace(/\s+/g, '')).to.equal('👍1');
  });

  it('rolls back a reaction the adapter refuses, and says so', async () => {
    const { adapter } = await setup(['react to me']);
    const refusing: CommunityAdapter = { ...adapter, name: 'refusing', session: adapter.session, comments: adapter.comments, members: adapter.members, reactions: { ...adapter.reactions, react: () => Promise.reject(new AdapterError('unavailable', 'down')) } };
    const el = await mount(refusing);
    const thumbs = () => $$(el, '[part="reaction"]').find((b) => b.textContent!.includes('👍'))!;
    thumbs().click();
    await waitUntil(() => $(el, '[role="status"]').textContent!.includes('could not be saved'));
    expect(thumbs().getAttribute('aria-pressed')).to.equal('false');
  });

  it('asks a guest to sign in instead of reacting or reporting', async () => {
    const { adapter } = await setup(['hello'], { viewer: null });
    const el = await mount(adapter);
    setTimeout(() => $$(el, '[part="reaction"]')[0]!.click());
    const event = (await oneEvent(el, 'majlis-sign-in-request')) as unknown as MajlisSignInRequestEvent;
    expect(event.intent).to.equal('react');
  });

  it('asks to report a comment with majlis-report-request', async () => {
    const { adapter, posted } = await setup(['report me']);
    const el = await mount(adapter);
    setTimeout(() => $(el, '[part="report-button"]').click());
    const event = (await oneEvent(el, 'majlis-report-request')) as unknown as MajlisReportRequestEvent;
    expect(event.reportTarget).to.equal(`comment:${posted[0]!.id}`);
    expect(event.composed).to.equal(true);
  });
});

describe('<majlis-comments> live', () => {
  it('announces new comments from others in a banner, without moving the list, and shows them on request', async () => {
    const { adapter, engine, clock } = await setup(['existing']);
    const el = await mount(adapter);
    clock.advance(60_000);
    await new LocalAdapter({ engine, viewer: member(7) }).comments.post({ thread: 't', body: 'brand new' }, key());
    await waitUntil(() => $(el, '[part="new-banner"]'), 'the banner appears');
    expect(bodies(el)).to.deep.equal(['existing']);
    expect($(el, '[role="status"]').textContent).to.contain('1 new comment');
    $(el, '[part="new-banner"]').click();
    await waitUntil(() => bodies(el).includes('brand new'));
    expect(el.shadowRoot!.activeElement?.textContent).to.contain('brand new');
  });
});

describe('<majlis-comments> user text is inert', () => {
  it('renders attacks as text, drops unsafe links, marks phishing, removes direction overrides', async () => {
    const { adapter } = await setup(['<img src=x onerror=alert(1)>', '[x](javascript:alert(1))', '[paypal.com](https://evil.example)', 'abc\u202Edef']);
    const alerts: unknown[] = [];
    const original = window.alert;
    window.alert = (...a: unknown[]) => void alerts.push(a);
    try {
      const el = await mount(adapter);
      expect(el.shadowRoot!.querySelector('[part~="body"] img')).to.equal(null);
      expect(bodies(el)[0]).to.equal('<img src=x onerror=alert(1)>');
      const links = $$(el, '[part~="body"] a');
      expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['https://evil.example/']);
      expect($(el, '[part="link-warning"]').textContent).to.contain('evil.example');
      expect(bodies(el)[3]).not.to.contain('\u202E');
      expect(alerts).to.deep.equal([]);
    } finally {
      window.alert = original;
    }
  });
});

describe('<majlis-comments> states', () => {
  it('invites the first comment on an empty thread', async () => {
    const { adapter } = await setup([]);
    const el = await mount(adapter);
    expect($(el, '[part="empty"]').textContent).to.contain('Start the conversation');
    expect(el.matches(':state(empty)')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('while loading, holds a screen of space, so what follows the thread does not jump when a page of comments lands', async () => {
    const { adapter } = await setup(Array.from({ length: 20 }, (_, i) => `Comment ${i}, long enough to wrap onto a second line on a narrow screen.`));
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: CommunityAdapter = { ...adapter, name: 'slow', session: adapter.session, members: adapter.members, comments: { ...adapter.comments, list: async (q, o) => (await gate, adapter.comments.list(q, o)) } };
    const wrapper = await fixture(html`<div style="inline-size: 24rem"><majlis-community .adapter=${slow}><majlis-comments thread="t"></majlis-comments><p id="after">After the thread</p></majlis-community></div>`);
    const el = wrapper.querySelector('majlis-comments')!;
    const after = wrapper.querySelector('#after')!;
    await waitUntil(() => $(el, '[part="loading"]'), 'the loading state');
    expect(after.getBoundingClientRect().top, 'what follows is out of view while loading').to.be.at.least(innerHeight);
    release();
    await waitUntil(() => bodies(el).length === 20, 'the page of comments');
    expect(after.getBoundingClientRect().top, 'and stays out of view once loaded').to.be.at.least(innerHeight);
  });

  it('shows an error with a retry', async () => {
    const { adapter } = await setup(['x']);
    let fail = true;
    const flaky: CommunityAdapter = { ...adapter, name: 'flaky', session: adapter.session, members: adapter.members, comments: { ...adapter.comments, list: (q, o) => (fail ? Promise.reject(new AdapterError('unavailable', 'down')) : adapter.comments.list(q, o)) } };
    const el = await mount(flaky);
    expect(el.matches(':state(error)')).to.equal(true);
    await expect(el).to.be.accessible();
    fail = false;
    $(el, '[part="retry-button"]').click();
    await waitUntil(() => bodies(el).length === 1);
  });

  it('reads right to left in Arabic, accessibly', async () => {
    const { adapter } = await setup(['مرحبا بالجميع', 'Hello']);
    const el = await mount(adapter, '', 'ar');
    await waitUntil(() => $(el, '.count').textContent === 'تعليقان');
    expect($(el, '[part="base"]').getAttribute('dir')).to.equal('rtl');
    expect($(el, '[part="sort"]').closest('label')!.textContent).to.contain('ترتيب التعليقات');
    await expect(el).to.be.accessible();
  });
});
