import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LocalAdapter } from '../../../src/adapters/local/local-adapter.js';
import type { CommunityAdapter } from '../../../src/core/adapter.js';
import '../../../src/define/community.js';
import '../../../src/define/member.js';
import type { MajlisMember } from '../../../src/define/member.js';
import { Engine } from '../../../src/engine/engine.js';

async function community(members: { id: string; name: string; avatarUrl?: string; roles?: ('moderator' | 'admin')[] }[]) {
  const engine = new Engine();
  for (const m of members) await engine.viewer(m);
  return new LocalAdapter({ engine, viewer: null });
}

const settled = (el: MajlisMember) => waitUntil(() => !el.matches(':state(loading)') && el.shadowRoot!.querySelector('[part~="base"]:not(.loading)'), 'the chip loaded');
const $ = (el: Element, s: string) => el.shadowRoot!.querySelector(s) as HTMLElement;

describe('<majlis-member>', () => {
  it('shows avatar initials, name, role and points, and a summary on focus', async () => {
    const adapter = await community([{ id: 'layla', name: 'Layla Haddad', roles: ['admin'] }]);
    const wrapper = await fixture(html`<majlis-community .adapter=${adapter}><majlis-member member="layla"></majlis-member></majlis-community>`);
    const el = wrapper.querySelector('majlis-member')!;
    await settled(el);
    expect($(el, '[part="avatar"]').textContent).to.equal('LH');
    expect($(el, '[part="name"]').textContent!.trim()).to.equal('Layla Haddad');
    expect($(el, '[part="role"]').textContent).to.equal('Admin');
    expect($(el, '[part="tooltip"]').hidden).to.equal(true);
    $(el, '[part~="base"]').focus();
    await el.updateComplete;
    expect($(el, '[part="tooltip"]').hidden).to.equal(false);
    expect($(el, '[part="tooltip"]').textContent).to.contain('Joined');
    await waitUntil(() => $(el, '[part="tooltip"]').textContent!.includes('badge'), 'the badge summary');
    expect($(el, '[part="tooltip"]').textContent).to.contain('1 badge: Admin');
    await expect(el).to.be.accessible();
  });

  it('holds a chip’s place while loading: chips in a line of text, and what follows, do not move when they land', async () => {
    const engine = new Engine();
    const names = ['Amina Haddad', 'Bilal Rahman', 'Chen Wei'];
    for (const [i, name] of names.entries()) {
      await engine.viewer({ id: `m${i}`, name });
      // A first comment: each chip shows a badge beside the trust level and points, as in a live thread.
      await new LocalAdapter({ engine, viewer: { id: `m${i}`, name } }).comments.post({ thread: 't', body: `Hello from ${name}` }, { idempotencyKey: `member-place-${i}-key` });
    }
    const adapter = new LocalAdapter({ engine, viewer: null });
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: CommunityAdapter = { ...adapter, name: 'slow', session: adapter.session, members: { ...adapter.members, getMany: async (ids, o) => (await gate, adapter.members.getMany(ids, o)) } };
    const wrapper = await fixture(html`<majlis-community .adapter=${slow}>
      <p style="inline-size: 24rem; margin: 0">In this conversation: ${names.map((_, i) => html`<majlis-member member="m${i}"></majlis-member> `)}</p>
      <p id="after">After the chips</p>
    </majlis-community>`);
    const chips = [...wrapper.querySelectorAll('majlis-member')];
    const after = wrapper.querySelector('#after')!;
    await waitUntil(() => chips.every((chip) => chip.shadowRoot?.querySelector('.loading')), 'the placeholders');
    const tops = () => [...chips, after].map((e) => Math.round(e.getBoundingClientRect().top));
    const before = tops();
    release();
    await Promise.all(chips.map((chip) => settled(chip)));
    expect($(chips[0]!, '[part="details"]').textContent).to.contain('★');
    expect(tops()).to.deep.equal(before);
  });

  it('updates points live in place: no loading flash, and keyboard focus stays on the chip', async () => {
    const engine = new Engine();
    await engine.viewer({ id: 'layla', name: 'Layla Haddad' });
    const wrapper = await fixture(html`<majlis-community .adapter=${new LocalAdapter({ engine, viewer: null })}><majlis-member member="layla"></majlis-member></majlis-community>`);
    const el = wrapper.querySelector('majlis-member')!;
    await settled(el);
    const points = () => $(el, '[part="details"]')?.textContent ?? '';
    const before = points();
    $(el, '[part~="base"]').focus();
    let flashed = false;
    const watch = new MutationObserver(() => (flashed ||= !!el.shadowRoot!.querySelector('.loading')));
    watch.observe(el.shadowRoot!, { subtree: true, childList: true });
    await engine.postComment({ id: 'layla', name: 'Layla Haddad' }, { thread: 't', body: 'Points, please' }, 'member-live-key-1');
    await waitUntil(() => points() !== before, 'the points moved live');
    watch.disconnect();
    expect(flashed, 'the chip never went back to its loading placeholder').to.equal(false);
    expect(el.shadowRoot!.activeElement, 'focus stayed on the chip').to.equal($(el, '[part~="base"]'));
  });

  it('fetches 30 chips on a page in one request', async () => {
    const people = Array.from({ length: 30 }, (_, i) => ({ id: `m${i}`, name: `Member ${i}` }));
    const adapter = await community(people);
    let calls = 0;
    const counting: CommunityAdapter = { ...adapter, name: 'counting', session: adapter.session, members: { ...adapter.members, getMany: (ids, o) => (calls++, adapter.members.getMany(ids, o)) } };
    const wrapper = await fixture(html`<majlis-community .adapter=${counting}>${people.map((p) => html`<majlis-member member=${p.id} compact></majlis-member>`)}</majlis-community>`);
    for (const el of wrapper.querySelectorAll('majlis-member')) await settled(el);
    expect(calls).to.equal(1);
  });

  it('says clearly when the member does not exist', async () => {
    const adapter = await community([]);
    const wrapper = await fixture(html`<majlis-community .adapter=${adapter}><majlis-member member="ghost"></majlis-member></majlis-community>`);
    const el = wrapper.querySelector('majlis-member')!;
    await waitUntil(() => el.matches(':state(error)'));
    expect(el.shadowRoot!.textContent).to.contain('could not be found');
  });

  it('keeps names inert, never loads a javascript: or data: avatar, and cuts long names with the full name in the summary', async () => {
    const long = 'L'.repeat(500);
    const adapter = await community([
      { id: 'x', name: '<img src=x onerror=alert(1)>\u202Eevil', avatarUrl: 'javascript:alert(1)' },
      { id: 'y', name: long, avatarUrl: 'data:image/png;base64,AAAA' },
    ]);
    const wrapper = await fixture(html`<div style="inline-size: 300px"><majlis-community .adapter=${adapter}><majlis-member member="x"></majlis-member><majlis-member member="y"></majlis-member></majlis-community></div>`);
    const [x, y] = [...wrapper.querySelectorAll('majlis-member')];
    await settled(x!);
    await settled(y!);
    expect(x!.shadowRoot!.querySelector('img')).to.equal(null);
    expect($(x!, '[part="name"]').textContent).to.contain('<img src=x onerror=alert(1)>');
    expect($(x!, '[part="name"]').textContent).not.to.contain('\u202E');
    expect(y!.shadowRoot!.querySelector('img')).to.equal(null);
    const name = $(y!, '[part="name"]');
    expect(name.scrollWidth).to.be.greaterThan(name.clientWidth);
    expect($(y!, '[part="tooltip"]').textContent).to.contain(long);
  });

  it('reads right to left in Arabic, accessibly, in the dark theme', async () => {
    const adapter = await community([{ id: 'yusuf', name: 'يوسف العلي' }]);
    const wrapper = await fixture(html`<div lang="ar" dir="rtl" style="background: #0e1013"><majlis-community .adapter=${adapter} theme="dark"><majlis-member member="yusuf"></majlis-member></majlis-community></div>`);
    const el = wrapper.querySelector('majlis-member')!;
    await settled(el);
    await waitUntil(() => el.shadowRoot!.textContent!.includes('عضو'));
    await expect(el).to.be.accessible();
  });
});
