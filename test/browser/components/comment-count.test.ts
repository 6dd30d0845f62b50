import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LocalAdapter } from '../../../src/adapters/local/local-adapter.js';
import type { CommunityAdapter } from '../../../src/core/adapter.js';
import { AdapterError } from '../../../src/core/errors.js';
import '../../../src/define/comment-count.js';
import '../../../src/define/community.js';
import type { MajlisCommentCount } from '../../../src/define/comment-count.js';
import { ManualClock } from '../../../src/engine/clock.js';
import { Engine } from '../../../src/engine/engine.js';

let keys = 0;
const key = () => ({ idempotencyKey: `count-test-${++keys}-key` });

async function communityWith(counts: Record<string, number>) {
  const clock = new ManualClock('2026-04-01T10:00:00Z');
  const engine = new Engine({ clock });
  for (const [thread, n] of Object.entries(counts)) {
    for (let i = 0; i < n; i++) {
      await new LocalAdapter({ engine, viewer: { id: `m-${thread}-${i}`, name: `Member ${i}` } }).comments.post({ thread, body: `comment ${i} on ${thread}` }, key());
    }
  }
  return { engine, clock, adapter: new LocalAdapter({ engine, viewer: { id: 'reader', name: 'Reader' } }) };
}

const text = (el: MajlisCommentCount) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim();
const settled = (el: MajlisCommentCount) => waitUntil(() => !el.matches(':state(loading)'), 'the count loaded');

describe('<majlis-comment-count>', () => {
  it('shows the thread’s count, localized, linking to the thread', async () => {
    const { adapter } = await communityWith({ post: 3 });
    const wrapper = await fixture(html`<majlis-community .adapter=${adapter}><majlis-comment-count thread="post" href="/posts/1#comments"></majlis-comment-count></majlis-community>`);
    const el = wrapper.querySelector('majlis-comment-count')!;
    await settled(el);
    expect(text(el)).to.equal('3 comments');
    const link = el.shadowRoot!.querySelector('a')!;
    expect(new URL(link.href).pathname).to.equal('/posts/1');
    await expect(el).to.be.accessible();
  });

  it('says “No comments” for an empty thread, and Arabic plurals in Arabic', async () => {
    const { adapter } = await communityWith({ two: 2 });
    const wrapper = await fixture(html`<div lang="ar" dir="rtl"><majlis-community .adapter=${adapter}>
      <majlis-comment-count thread="none"></majlis-comment-count><majlis-comment-count thread="two"></majlis-comment-count>
    </majlis-community></div>`);
    const [none, two] = [...wrapper.querySelectorAll('majlis-comment-count')];
    await settled(none!);
    await settled(two!);
    expect(none!.matches(':state(empty)')).to.equal(true);
    expect(text(none!)).to.equal('لا تعليقات');
    expect(text(two!)).to.equal('تعليقان');
  });

  it('fetches the counts of a whole list page in one call', async () => {
    const { adapter } = await communityWith({ t1: 1, t5: 2 });
    let calls = 0;
    const counting: CommunityAdapter = { ...adapter, name: 'counting', session: adapter.session, comments: { ...adapter.comments, count: (threads, o) => (calls++, adapter.comments.count(threads, o)) } };
    const threads = Array.from({ length: 20 }, (_, i) => `t${i}`);
    const wrapper = await fixture(html`<majlis-community .adapter=${counting}>${threads.map((t) => html`<p><majlis-comment-count thread=${t}></majlis-comment-count></p>`)}</majlis-community>`);
    const els = [...wrapper.querySelectorAll('majlis-comment-count')];
    for (const el of els) await settled(el);
    expect(calls).to.equal(1);
    expect(text(els[1]!)).to.equal('1 comment');
  });

  it('updates live when someone comments', async () => {
    const { adapter, engine, clock } = await communityWith({ live: 1 });
    const wrapper = await fixture(html`<majlis-community .adapter=${adapter}><majlis-comment-count thread="live"></majlis-comment-count></majlis-community>`);
    const el = wrapper.querySelector('majlis-comment-count')!;
    await settled(el);
    clock.advance(5000);
    await new LocalAdapter({ engine, viewer: { id: 'new', name: 'Newcomer' } }).comments.post({ thread: 'live', body: 'hi!' }, key());
    await waitUntil(() => text(el) === '2 comments', 'the count follows live');
  });

  it('never links to a javascript: href', async () => {
    const { adapter } = await communityWith({ x: 1 });
    const wrapper = await fixture(html`<majlis-community .adapter=${adapter}><majlis-comment-count thread="x" href="javascript:alert(1)"></majlis-comment-count></majlis-community>`);
    const el = wrapper.querySelector('majlis-comment-count')!;
    await settled(el);
    expect(el.shadowRoot!.querySelector('a')).to.equal(null);
    expect(text(el)).to.equal('1 comment');
  });

  it('says what is missing when the thread attribute is forgotten', async () => {
    const { adapter } = await communityWith({});
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const wrapper = await fixture(html`<majlis-community .adapter=${adapter}><majlis-comment-count></majlis-comment-count></majlis-community>`);
      const el = wrapper.querySelector('majlis-comment-count')!;
      await settled(el);
      expect(text(el)).to.contain('missing its “thread” attribute');
      expect(String((errors[0] as unknown[])[0])).to.contain('needs a thread attribute');
    } finally {
      console.error = original;
    }
  });

  it('shows a short error with a retry that works', async () => {
    const { adapter } = await communityWith({ e: 1 });
    let fail = true;
    const flaky: CommunityAdapter = {
      ...adapter,
      name: 'flaky',
      session: adapter.session,
      comments: { ...adapter.comments, count: (threads, o) => (fail ? Promise.reject(new AdapterError('unavailable', 'down')) : adapter.comments.count(threads, o)) },
    };
    const wrapper = await fixture(html`<majlis-community .adapter=${flaky}><majlis-comment-count thread="e"></majlis-comment-count></majlis-community>`);
    const el = wrapper.querySelector('majlis-comment-count')!;
    await waitUntil(() => el.matches(':state(error)'));
    expect(text(el)).to.contain('Count unavailable');
    await expect(el).to.be.accessible();
    fail = false;
    (el.shadowRoot!.querySelector('[part="retry-button"]') as HTMLButtonElement).click();
    await waitUntil(() => text(el) === '1 comment');
  });

  it('loads its own Arabic words before showing anything', async () => {
    const { adapter } = await communityWith({});
    const failing: CommunityAdapter = { ...adapter, name: 'down', session: adapter.session, comments: { ...adapter.comments, count: () => Promise.reject(new AdapterError('unavailable', 'down')) } };
    const wrapper = await fixture(html`<div lang="ar"><majlis-community .adapter=${failing}><majlis-comment-count thread="x"></majlis-comment-count></majlis-community></div>`);
    const el = wrapper.querySelector('majlis-comment-count')!;
    await waitUntil(() => el.matches(':state(error)'));
    expect(text(el)).to.contain('العدد غير متاح');
    expect(text(el)).to.contain('حاول مجددًا');
  });
});
