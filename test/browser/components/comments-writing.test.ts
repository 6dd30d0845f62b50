import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LocalAdapter } from '../../../src/adapters/local/local-adapter.js';
import type { CommunityAdapter } from '../../../src/core/adapter.js';
import { AdapterError } from '../../../src/core/errors.js';
import type { ViewerClaims } from '../../../src/core/types.js';
import '../../../src/define/comments.js';
import '../../../src/define/community.js';
import type { MajlisComments } from '../../../src/define/comments.js';
import { ManualClock } from '../../../src/engine/clock.js';
import { Engine } from '../../../src/engine/engine.js';
import type { MajlisCommentPostedEvent } from '../../../src/events/comment-posted.js';

let n = 0;
const key = () => ({ idempotencyKey: `writing-test-${++n}-key` });
const me: ViewerClaims = { id: 'me', name: 'Maryam Test' };
const other: ViewerClaims = { id: 'other', name: 'Omar Other' };
const START = Date.parse('2026-05-06T10:00:00Z');

async function setup(seed: { by: ViewerClaims; body: string; parent?: number }[] = []) {
  const clock = new ManualClock(START);
  const engine = new Engine({ clock });
  const ids: string[] = [];
  for (const { by, body, parent } of seed) {
    clock.advance(5_000);
    ids.push((await new LocalAdapter({ engine, viewer: by }).comments.post({ thread: 'w', body, parentId: parent === undefined ? null : ids[parent] }, key())).id);
  }
  clock.advance(5_000);
  return { engine, clock, ids, adapter: new LocalAdapter({ engine, viewer: me }) };
}

async function mount(adapter: CommunityAdapter, now = () => START + 60_000) {
  const wrapper = await fixture(html`<majlis-community .adapter=${adapter} .now=${now}><majlis-comments thread="w"></majlis-comments></majlis-community>`);
  const el = wrapper.querySelector('majlis-comments') as MajlisComments;
  await waitUntil(() => !el.matches(':state(loading)') && el.shadowRoot?.querySelector('[part~="base"]'), 'the thread loaded');
  // The composer's code loads on demand, once a member can write.
  if ((await adapter.session.viewer()) !== null) await waitUntil(() => el.shadowRoot!.querySelector('majlis-comment-composer')?.shadowRoot?.querySelector('textarea'), 'the composer loaded');
  return el;
}

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as HTMLElement;
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll(selector)] as HTMLElement[];
const composer = (el: Element, which = 0) => $$(el, 'majlis-comment-composer')[which]!;
const textarea = (c: Element) => c.shadowRoot!.querySelector('textarea') as HTMLTextAreaElement;
const bodies = (el: Element) => $$(el, '[part~="body"]').map((b) => b.textContent!.trim());

async function ctrlEnter() {
  await sendKeys({ down: 'Control' });
  await sendKeys({ press: 'Enter' });
  await sendKeys({ up: 'Control' });
}

async function typeInto(c: Element, text: string) {
  await waitUntil(() => c.shadowRoot?.querySelector('textarea'), 'the composer is ready');
  textarea(c).focus();
  await sendKeys({ type: text });
}

describe('<majlis-comments> writing', () => {
  beforeEach(() => Object.keys(localStorage).filter((k) => k.startsWith('majlis-draft:')).forEach((k) => localStorage.removeItem(k)));

  it('posts with Ctrl+Enter, shows the comment, moves focus to it and clears the draft', async () => {
    const { adapter } = await setup([{ by: other, body: 'first' }]);
    const el = await mount(adapter);
    await typeInto(composer(el), 'Hello **there**');
    const posted = oneEvent(el, 'majlis-comment-posted');
    await ctrlEnter();
    const event = (await posted) as unknown as MajlisCommentPostedEvent;
    expect(event.comment.body).to.equal('Hello **there**');
    await waitUntil(() => bodies(el).includes('Hello there'));
    expect(el.shadowRoot!.activeElement?.getAttribute('data-comment-id')).to.equal(event.comment.id);
    expect(textarea(composer(el)).value).to.equal('');
    expect(Object.keys(localStorage).filter((k) => k.startsWith('majlis-draft:'))).to.deep.equal([]);
    expect($(el, '.count').textContent).to.equal('2 comments');
  });

  it('keeps the typed draft across a reload', async () => {
    const { adapter } = await setup();
    const first = await mount(adapter);
    await typeInto(composer(first), 'half-written thought');
    first.closest('majlis-community')!.remove();
    const again = await mount(adapter);
    await waitUntil(() => composer(again)?.shadowRoot?.querySelector('textarea'));
    expect(textarea(composer(again)).value).to.equal('half-written thought');
  });

  it('keeps the text when sending fails, and retries with the same idempotency key: one comment', async () => {
    const { adapter } = await setup();
    const keys: string[] = [];
    let fail = true;
    const flaky: CommunityAdapter = {
      ...adapter,
      name: 'flaky',
      session: adapter.session,
      members: adapter.members,
      live: adapter.live,
      comments: {
        ...adapter.comments,
        post: async (input, o) => {
          keys.push(o.idempotencyKey);
          // The first send reaches the server but its answer is lost.
          const saved = await adapter.comments.post(input, o);
          if (fail) {
            fail = false;
            throw new AdapterError('unavailable', 'connection lost');
          }
          return saved;
        },
      },
    };
    const el = await mount(flaky);
    await typeInto(composer(el), 'do not post me twice');
    await ctrlEnter();
    await waitUntil(() => composer(el).shadowRoot!.querySelector('[part="problem"]'), 'the problem is shown');
    expect(composer(el).shadowRoot!.querySelector('[part="problem"]')!.textContent).to.contain('unavailable');
    expect(textarea(composer(el)).value).to.equal('do not post me twice');
    (composer(el).shadowRoot!.querySelector('[part="send-button"]') as HTMLButtonElement).click();
    await waitUntil(() => bodies(el).includes('do not post me twice'));
    expect(keys).to.have.length(2);
    expect(keys[0]).to.equal(keys[1]);
    expect((await adapter.comments.count(['w'])).w).to.equal(1);
  });

  it('says when a member posts too fast', async () => {
    const { adapter } = await setup();
    const el = await mount(adapter);
    await typeInto(composer(el), 'one');
    await ctrlEnter();
    await waitUntil(() => bodies(el).includes('one'));
    await typeInto(composer(el), 'two');
    await ctrlEnter();
    await waitUntil(() => composer(el).shadowRoot!.querySelector('[part="problem"]'));
    expect(composer(el).shadowRoot!.querySelector('[part="problem"]')!.textContent).to.match(/Try again in \d+ seconds?/);
    expect(textarea(composer(el)).value).to.equal('two');
  });

  it('replies under a comment, from the keyboard', async () => {
    const { adapter } = await setup([{ by: other, body: 'question?' }]);
    const el = await mount(adapter);
    $(el, '[part="reply-button"]').click();
    await waitUntil(() => $(el, 'majlis-comment-composer[data-reply-to]:not([data-reply-to=""])'));
    const reply = $(el, 'majlis-comment-composer[data-reply-to]:not([data-reply-to=""])');
    await typeInto(reply, 'an answer');
    await ctrlEnter();
    await waitUntil(() => bodies(el).includes('an answer'));
    expect($(el, 'ol.replies [part~="body"]').textContent!.trim()).to.equal('an answer');
    await expect(el).to.be.accessible();
  });

  it('edits an own comment, marks it edited and shows the history', async () => {
    const { adapter } = await setup([{ by: me, body: 'typo hre' }]);
    const el = await mount(adapter);
    $(el, '[part="edit-button"]').click();
    await waitUntil(() => $(el, 'majlis-comment-composer[data-editing]:not([data-editing=""])')?.shadowRoot?.querySelector('textarea'));
    const editor = $(el, 'majlis-comment-composer[data-editing]:not([data-editing=""])');
    const area = textarea(editor);
    expect(area.value).to.equal('typo hre');
    area.select();
    await sendKeys({ type: 'typo here' });
    await ctrlEnter();
    await waitUntil(() => bodies(el).includes('typo here'));
    $(el, '[part="edited"]').click();
    await waitUntil(() => $(el, '[part="history"]'));
    expect($(el, '[part="history"]').textContent).to.contain('typo hre');
  });

  it('deletes an own comment after confirming: a placeholder when it has replies', async () => {
    const { adapter } = await setup([{ by: me, body: 'mine' }, { by: other, body: 'a reply', parent: 0 }, { by: me, body: 'lonely' }]);
    const el = await mount(adapter);
    const deleteButtons = () => $$(el, '[part="delete-button"]');
    deleteButtons()[0]!.click();
    await waitUntil(() => $(el, '[part="confirm-delete"]'));
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[part="confirm-delete"]'));
    $(el, '[part="confirm-delete"]').click();
    await waitUntil(() => $(el, '[part="placeholder"]'));
    expect($(el, '[part="placeholder"]').textContent).to.contain('deleted');
    deleteButtons()[0]!.click();
    await waitUntil(() => $(el, '[part="confirm-delete"]'));
    $(el, '[part="confirm-delete"]').click();
    await waitUntil(() => !bodies(el).includes('lonely'));
    expect(el.shadowRoot!.activeElement).to.exist;
  });

  it('suggests people in the thread after @, and inserts the chosen one', async () => {
    const { adapter } = await setup([{ by: other, body: 'hi' }]);
    const el = await mount(adapter);
    await typeInto(composer(el), 'thanks @Om');
    await waitUntil(() => !composer(el).shadowRoot!.querySelector('[role="listbox"]')!.hasAttribute('hidden'));
    expect(composer(el).shadowRoot!.querySelector('[role="option"]')!.textContent!.trim()).to.equal('Omar Other');
    await sendKeys({ press: 'Enter' });
    expect(textarea(composer(el)).value).to.equal('thanks @Omar_Other ');
  });

  it('lets moderators feature a comment', async () => {
    const { engine } = await setup([{ by: other, body: 'great answer' }]);
    const el = await mount(new LocalAdapter({ engine, viewer: { id: 'mod', name: 'Mod', roles: ['moderator'] } }));
    $(el, '[part="feature-button"]').click();
    await waitUntil(() => $(el, '[part~="comment-featured"]'));
    expect($(el, '[part~="comment-featured"]').textContent).to.contain('Featured');
  });

  it('shows guests a sign-in prompt instead of the composer', async () => {
    const { engine } = await setup([{ by: other, body: 'hello' }]);
    const el = await mount(new LocalAdapter({ engine, viewer: null }));
    expect($(el, 'majlis-comment-composer')).to.equal(null);
    setTimeout(() => ($(el, '[part="sign-in"] button') as HTMLButtonElement).click());
    const event = await oneEvent(el, 'majlis-sign-in-request');
    expect((event as unknown as { intent: string }).intent).to.equal('comment');
    await expect(el).to.be.accessible();
  });
});

describe('<majlis-comments> who reacted', () => {
  it('names who reacted when a reaction is focused', async () => {
    const { engine, ids } = await setup([{ by: other, body: 'nice' }]);
    for (const [i, name] of ['Amal', 'Bilal', 'Chen'].entries()) await new LocalAdapter({ engine, viewer: { id: `r${i}`, name } }).reactions.react(ids[0]!, '👍', true, key());
    const el = await mount(new LocalAdapter({ engine, viewer: me }));
    const thumbs = $$(el, '[part="reaction"]').find((b) => b.textContent!.includes('👍'))!;
    thumbs.focus();
    await waitUntil(() => thumbs.title.startsWith('Reacted:'));
    expect(thumbs.title).to.match(/Reacted: (Amal|Bilal|Chen), (Amal|Bilal|Chen), and (Amal|Bilal|Chen)/);
  });
});

describe('<majlis-comments> offline, read-only, live reactions and the keyboard', () => {
  it('keeps the comment while offline and sends it, once, when the connection returns', async () => {
    const { adapter } = await setup();
    let online = false;
    const onLine = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!;
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
    const keys: string[] = [];
    const offlineFirst: CommunityAdapter = {
      ...adapter,
      name: 'offline-first',
      session: adapter.session,
      members: adapter.members,
      live: adapter.live,
      comments: { ...adapter.comments, post: (input, o) => (keys.push(o.idempotencyKey), online ? adapter.comments.post(input, o) : Promise.reject(new AdapterError('unavailable', 'offline'))) },
    };
    try {
      const el = await mount(offlineFirst);
      await typeInto(composer(el), 'written on a train');
      await ctrlEnter();
      await waitUntil(() => composer(el).shadowRoot!.querySelector('[part="problem"]'));
      expect(composer(el).shadowRoot!.querySelector('[part="problem"]')!.textContent).to.contain('You are offline');
      expect(textarea(composer(el)).value).to.equal('written on a train');
      online = true;
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => bodies(el).includes('written on a train'), 'sent when back online');
      expect(new Set(keys).size).to.equal(1);
      expect((await adapter.comments.count(['w'])).w).to.equal(1);
    } finally {
      Object.defineProperty(navigator, 'onLine', onLine);
      delete (navigator as unknown as Record<string, unknown>).onLine;
    }
  });

  it('offers no composer, replies or reactions on a read-only thread', async () => {
    const { engine } = await setup([{ by: other, body: 'closed thread' }]);
    const wrapper = await fixture(html`<majlis-community .adapter=${new LocalAdapter({ engine, viewer: me })}><majlis-comments thread="w" readonly></majlis-comments></majlis-community>`);
    const el = wrapper.querySelector('majlis-comments') as MajlisComments;
    await waitUntil(() => bodies(el).length === 1);
    expect($(el, 'majlis-comment-composer')).to.equal(null);
    expect($(el, '[part="reply-button"]')).to.equal(null);
    expect($(el, '.closed').textContent).to.contain('Comments are closed');
    await expect(el).to.be.accessible();
  });

  it('updates reaction counts live when others react', async () => {
    const { engine, ids } = await setup([{ by: other, body: 'react live' }]);
    const el = await mount(new LocalAdapter({ engine, viewer: me }));
    await new LocalAdapter({ engine, viewer: { id: 'x', name: 'X' } }).reactions.react(ids[0]!, '🎉', true, key());
    await waitUntil(() => $$(el, '[part="reaction"]').some((b) => b.textContent!.replace(/\s+/g, '') === '🎉1'), 'the count arrives live');
  });

  it('can be used with the keyboard alone: react, reply and send', async () => {
    const { adapter } = await setup([{ by: other, body: 'keyboard please' }]);
    const el = await mount(adapter);
    const thumbs = $$(el, '[part="reaction"]').find((b) => b.textContent!.includes('👍'))!;
    thumbs.focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => thumbs.getAttribute('aria-pressed') === 'true');
    // Tab onward to the Reply button.
    for (let i = 0; i < 10 && el.shadowRoot!.activeElement?.getAttribute('part') !== 'reply-button'; i++) await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('reply-button');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(el, 'majlis-comment-composer[data-reply-to]:not([data-reply-to=""])')?.shadowRoot?.activeElement?.tagName === 'TEXTAREA', 'focus is in the reply box');
    await sendKeys({ type: 'typed without a mouse' });
    await ctrlEnter();
    await waitUntil(() => bodies(el).includes('typed without a mouse'));
    expect(el.shadowRoot!.activeElement?.textContent).to.contain('typed without a mouse');
  });
});

describe('<majlis-comments> composer details and featured comments', () => {
  it('previews the text as it will look, and counts characters against the limit', async () => {
    const { adapter } = await setup();
    const el = await mount(adapter);
    const c = composer(el);
    await typeInto(c, 'a **bold** claim');
    expect(c.shadowRoot!.querySelector('.counter')!.textContent).to.equal('16 / 5,000');
    (c.shadowRoot!.querySelectorAll('.tabs button')[1] as HTMLButtonElement).click();
    await waitUntil(() => c.shadowRoot!.querySelector('[part="preview"] strong'));
    expect(c.shadowRoot!.querySelector('[part="preview"] strong')!.textContent).to.equal('bold');
    (c.shadowRoot!.querySelectorAll('.tabs button')[0] as HTMLButtonElement).click();
    await waitUntil(() => c.shadowRoot!.querySelector('textarea'));
    const area = textarea(c);
    area.value = 'x'.repeat(5003);
    area.dispatchEvent(new Event('input'));
    await waitUntil(() => c.shadowRoot!.querySelector('.counter.over'));
    expect(c.shadowRoot!.querySelector('.problem')!.textContent).to.contain('3 characters over the limit');
    expect(c.shadowRoot!.querySelector('[part="send-button"]')!.getAttribute('aria-disabled')).to.equal('true');
  });

  it('shows featured comments first with featured-first', async () => {
    const { engine, ids } = await setup([{ by: other, body: 'older' }, { by: me, body: 'the best one' }]);
    await new LocalAdapter({ engine, viewer: { id: 'mod', name: 'Mod', roles: ['moderator'] } }).comments.feature(ids[1]!, true, key());
    const wrapper = await fixture(html`<majlis-community .adapter=${new LocalAdapter({ engine, viewer: null })}><majlis-comments thread="w" featured-first></majlis-comments></majlis-community>`);
    const el = wrapper.querySelector('majlis-comments') as MajlisComments;
    await waitUntil(() => bodies(el).length === 2);
    expect(bodies(el)).to.deep.equal(['the best one', 'older']);
    expect($(el, '[part~="comment-featured"]').textContent).to.contain('Featured');
  });
});

describe('<majlis-comments> after review', () => {
  it('replying to a comment with folded replies still lets the older replies be shown', async () => {
    const { adapter } = await setup([{ by: other, body: 'parent' }, { by: other, body: 'older reply 1', parent: 0 }, { by: other, body: 'older reply 2', parent: 0 }]);
    const el = await mount(adapter);
    $(el, '[part="reply-button"]').click();
    await waitUntil(() => $(el, 'majlis-comment-composer[data-reply-to]:not([data-reply-to=""])')?.shadowRoot?.querySelector('textarea'));
    await typeInto($(el, 'majlis-comment-composer[data-reply-to]:not([data-reply-to=""])'), 'my reply');
    await ctrlEnter();
    await waitUntil(() => bodies(el).includes('my reply'));
    $(el, '[part="replies-button"]').click();
    await waitUntil(() => bodies(el).includes('older reply 2'));
    expect(bodies(el).filter((b) => b === 'my reply')).to.have.length(1);
  });

  it('deletes once even when “Yes, delete” is pressed twice', async () => {
    const { adapter } = await setup([{ by: me, body: 'delete me' }]);
    let deletes = 0;
    const counting: CommunityAdapter = { ...adapter, name: 'counting', session: adapter.session, members: adapter.members, live: adapter.live, comments: { ...adapter.comments, delete: (id, o) => (deletes++, adapter.comments.delete(id, o)) } };
    const el = await mount(counting);
    $(el, '[part="delete-button"]').click();
    await waitUntil(() => $(el, '[part="confirm-delete"]'));
    $(el, '[part="confirm-delete"]').click();
    $(el, '[part="confirm-delete"]')?.click();
    await waitUntil(() => !bodies(el).includes('delete me'));
    expect(deletes).to.equal(1);
  });

  it('offers new comments on a thread that was empty when it loaded', async () => {
    const { engine, clock } = await setup();
    const el = await mount(new LocalAdapter({ engine, viewer: null }));
    clock.advance(10_000);
    await new LocalAdapter({ engine, viewer: other }).comments.post({ thread: 'w', body: 'first!' }, key());
    await waitUntil(() => $(el, '[part="new-banner"]'), 'the banner appears on the empty thread');
    $(el, '[part="new-banner"]').click();
    await waitUntil(() => bodies(el).includes('first!'));
  });

  it('never shows one member’s draft to the next member on the same computer', async () => {
    const { engine } = await setup();
    const first = await mount(new LocalAdapter({ engine, viewer: me }));
    await typeInto(composer(first), 'private draft');
    first.closest('majlis-community')!.remove();
    const second = await mount(new LocalAdapter({ engine, viewer: other }));
    expect(textarea(composer(second)).value).to.equal('');
  });
});
