import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LocalAdapter } from '../../../src/adapters/local/local-adapter.js';
import type { CommunityAdapter } from '../../../src/core/adapter.js';
import type { TargetRef, ViewerClaims } from '../../../src/core/types.js';
import '../../../src/define/community.js';
import '../../../src/define/moderation-queue.js';
import type { MajlisModerationQueue } from '../../../src/define/moderation-queue.js';
import { Engine } from '../../../src/engine/engine.js';
import { ManualClock } from '../../../src/engine/clock.js';
import type { MajlisModerationDecidedEvent } from '../../../src/events/moderation-decided.js';

const MINUTE = 60_000;
const amal: ViewerClaims = { id: 'amal', name: 'Amal' };
const bilal: ViewerClaims = { id: 'bilal', name: 'Bilal' };
const chen: ViewerClaims = { id: 'chen', name: 'Chen' };
const mod: ViewerClaims = { id: 'mona', name: 'Mona', roles: ['moderator'] };

let keys = 0;
const key = () => ({ idempotencyKey: `queue-test-${++keys}` });

/** A community with three reported comments by Amal: a reply (with its parent), a spam post and a fine one. */
async function community() {
  const clock = new ManualClock('2026-03-04T12:00:00Z');
  const engine = new Engine({ clock });
  const as = (viewer: ViewerClaims | null) => new LocalAdapter({ engine, viewer });
  const post = async (viewer: ViewerClaims, body: string, parentId: string | null = null) => {
    const comment = await as(viewer).comments.post({ thread: 'article', body, parentId }, key());
    clock.advance(MINUTE);
    return comment;
  };
  const question = await post(chen, 'Where do I start?');
  const reply = await post(amal, 'Buy followers at example.biz', question.id);
  const spam = await post(amal, 'Cheap watches!!!');
  const fine = await post(amal, 'Start with the guidelines.');
  await as(bilal).reports.submit({ target: `comment:${reply.id}`, reason: 'spam', note: 'selling followers' }, key());
  await as(chen).reports.submit({ target: `comment:${reply.id}`, reason: 'scam' }, key());
  await as(bilal).reports.submit({ target: `comment:${spam.id}`, reason: 'spam' }, key());
  await as(bilal).reports.submit({ target: `comment:${fine.id}`, reason: 'off-topic' }, key());
  const target = (c: { id: string }) => `comment:${c.id}` as TargetRef;
  return { engine, clock, as, post, question, reply: target(reply), spam: target(spam), fine: target(fine) };
}

async function mount(adapter: CommunityAdapter, attrs: { undo?: number; tab?: string; lang?: string } = {}) {
  const wrapper = await fixture(html`<div lang=${attrs.lang ?? 'en'}><majlis-community .adapter=${adapter} .now=${() => Date.parse('2026-03-04T12:10:00Z')}>
    <majlis-moderation-queue undo-seconds=${attrs.undo ?? 30} tab=${attrs.tab ?? 'reported'}></majlis-moderation-queue>
  </majlis-community></div>`);
  const el = wrapper.querySelector('majlis-moderation-queue') as MajlisModerationQueue;
  await waitUntil(() => el.shadowRoot!.querySelector('[part~="item"], [part="empty"], [part="not-allowed"], [part="audit"]'), 'the queue rendered');
  return el;
}

/** The moderator's adapter with some moderation calls replaced; `live` undefined leaves out live events, so none heals what the element shows. */
const withModeration = (adapter: CommunityAdapter, name: string, moderation: Partial<NonNullable<CommunityAdapter['moderation']>>, live = adapter.live): CommunityAdapter => ({
  ...adapter,
  name,
  session: adapter.session,
  live,
  moderation: { ...adapter.moderation!, ...moderation },
});

const $ = (el: Element, s: string) => el.shadowRoot!.querySelector(s) as HTMLElement;
const $$ = (el: Element, s: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(s)];
const items = (el: Element) => $$(el, '[part~="item"]').map((i) => i.dataset['target']);
const focused = (el: Element) => (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset['target'];
const text = (node: Element) => node.textContent!.replace(/\s+/g, ' ').trim();
const button = (root: Element, label: string) => [...root.querySelectorAll('button')].find((b) => b.textContent!.trim() === label) as HTMLButtonElement;

describe('<majlis-moderation-queue>', () => {
  it('tells members and guests they may not see it, and the adapter refuses them too', async () => {
    const c = await community();
    const member = await mount(c.as(bilal));
    expect(text($(member, '[part="not-allowed"]'))).to.contain('Only moderators and admins');
    await expect(member).to.be.accessible();
    const guest = await mount(c.as(null));
    expect(text($(guest, '[part="not-allowed"]'))).to.contain('Sign in as a moderator');
    let refused: unknown;
    await c.as(bilal).moderation.queue({ state: 'reported' }).catch((e: unknown) => (refused = e));
    expect((refused as { code: string }).code).to.equal('forbidden');
  });

  it('shows each item in context: the reply with its parent, the author’s record, reasons, notes and weights', async () => {
    const c = await community();
    const el = await mount(c.as(mod));
    expect(items(el)).to.have.members([c.reply, c.spam, c.fine]);
    expect(text($(el, '#tab-reported'))).to.equal('Reported (3)');
    const reply = $(el, `[data-target="${c.reply}"]`);
    expect(text(reply.querySelector('.parent')!)).to.contain('Where do I start?');
    expect(text(reply.querySelector('[part="context"]')!)).to.contain('Buy followers at example.biz');
    expect(text(reply.querySelector('[part="author"]')!)).to.equal('New member · 6 points · upheld reports against them: 0');
    const reports = text(reply.querySelector('[part="reports"]')!);
    expect(reports).to.contain('Spam — Bilal (weight 0.5)');
    expect(reports).to.contain('selling followers');
    expect(reports).to.contain('Scam or phishing — Chen');
    expect(text(reply)).to.contain('Report score 1');
    await expect(el).to.be.accessible();
  });

  it('decides three items with the keyboard alone: approve, remove with a reason, remove and ban', async () => {
    const c = await community();
    const el = await mount(c.as(mod), { undo: 0.05 });
    const decided: MajlisModerationDecidedEvent[] = [];
    el.addEventListener('majlis-moderation-decided', (e) => decided.push(e));
    const order = items(el) as TargetRef[];
    $(el, '[part~="item"][tabindex="0"]').focus();
    expect(focused(el)).to.equal(order[0]);
    await sendKeys({ press: 'ArrowDown' });
    expect(focused(el)).to.equal(order[1]);
    await sendKeys({ press: 'ArrowUp' });

    // 1. Approve the first; focus moves to the next.
    await sendKeys({ press: 'a' });
    await waitUntil(() => focused(el) === order[1], 'focus moved to the next item');
    expect(text($(el, '[part="toast"]'))).to.contain('Approved 1.');

    // 2. Remove the next: R asks for the reason, and refuses an empty one.
    await sendKeys({ press: 'r' });
    await waitUntil(() => el.shadowRoot!.activeElement?.tagName === 'TEXTAREA', 'the reason field took focus');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(el, '#reason-error'));
    expect(text($(el, '#reason-error'))).to.contain('Write a reason');
    expect(el.shadowRoot!.activeElement?.tagName).to.equal('TEXTAREA');
    await sendKeys({ type: 'Spam links' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused(el) === order[2], 'focus moved to the last item');

    // 3. Remove and ban the author of the last one for the default 7 days.
    await sendKeys({ press: 'b' });
    await waitUntil(() => el.shadowRoot!.activeElement?.tagName === 'TEXTAREA');
    await sendKeys({ type: 'Repeated spam' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => decided.length === 3, 'all three decisions were saved');

    const byTarget = Object.fromEntries(decided.map((e) => [e.decision.target, e.decision]));
    expect(byTarget[order[0]!]!.action).to.equal('approve');
    expect(byTarget[order[1]!]).to.include({ action: 'remove', reason: 'Spam links' });
    expect(byTarget[order[2]!]).to.include({ action: 'remove', reason: 'Repeated spam' });
    expect(Date.parse(byTarget[order[2]!]!.banUntil!) - Date.parse('2026-03-04T12:10:00Z')).to.equal(7 * 86_400_000);
    const audit = await c.as(mod).moderation.audit();
    expect(audit.items.map((e) => e.action).sort()).to.deep.equal(['approve', 'ban', 'remove', 'remove']);
    expect((await c.as(mod).members.getMany(['amal']))[0]!.bannedUntil).to.not.equal(null);
    await waitUntil(() => $(el, '[part="empty"]'), 'the queue is empty');
    expect(text($(el, '#tab-reported'))).to.equal('Reported (0)');
    await expect(el).to.be.accessible();
  });

  it('undoes a decision within its time, and nothing reaches the server', async () => {
    const c = await community();
    const el = await mount(c.as(mod), { undo: 30 });
    const [first] = items(el) as TargetRef[];
    $(el, '[part~="item"][tabindex="0"]').focus();
    await sendKeys({ press: 'a' });
    await waitUntil(() => !items(el).includes(first));
    expect(text($(el, '#tab-reported'))).to.equal('Reported (2)');
    button($(el, '[part="toast"]'), 'Undo').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => items(el).includes(first), 'the item is back');
    expect(focused(el)).to.equal(first);
    expect(text($(el, '[part="toast"]'))).to.contain('Undone');
    await sendKeys({ press: 'f' });
    await waitUntil(() => !items(el).includes(first));
    await sendKeys({ press: 'z' });
    await waitUntil(() => items(el).includes(first), 'Z undoes too');
    expect((await c.as(mod).moderation.audit()).items).to.have.length(0);
    expect((await c.as(mod).moderation.queue({ state: 'reported' })).items).to.have.length(3);
  });

  it('saves a decision still waiting for its undo time when the queue leaves the page', async () => {
    const c = await community();
    const el = await mount(c.as(mod), { undo: 30 });
    $(el, '[part~="item"][tabindex="0"]').focus();
    await sendKeys({ press: 'a' });
    el.remove();
    await waitUntil(async () => (await c.as(mod).moderation.audit()).items.length === 1, 'the decision was saved');
  });

  it('removes selected items in bulk with one reason', async () => {
    const c = await community();
    const el = await mount(c.as(mod), { undo: 0.05 });
    for (const target of [c.spam, c.fine]) ($(el, `[data-target="${target}"] input[type="checkbox"]`) as HTMLInputElement).click();
    await el.updateComplete;
    expect(text($(el, '[part="toolbar"]'))).to.contain('2 selected');
    button($(el, '[part="toolbar"]'), 'Remove selected…').click();
    await el.updateComplete;
    const form = $(el, '[part="reason-form"]');
    const area = form.querySelector('textarea')!;
    area.value = 'Off-topic spam';
    area.dispatchEvent(new Event('input'));
    button(form, 'Remove').click();
    await waitUntil(() => items(el).length === 1 && !el.shadowRoot!.querySelector('[part="toast"] button'), 'both saved');
    expect(items(el)).to.deep.equal([c.reply]);
    const audit = (await c.as(mod).moderation.audit()).items;
    expect(audit.map((e) => `${e.action} ${e.target} ${e.reason}`).sort()).to.deep.equal([`remove ${c.fine} Off-topic spam`, `remove ${c.spam} Off-topic spam`].sort());
  });

  it('shows new reports live, without a reload and without moving focus', async () => {
    const c = await community();
    const el = await mount(c.as(mod));
    $(el, '[part~="item"][tabindex="0"]').focus();
    const before = focused(el);
    const fresh = await c.post(chen, 'Click here to claim your prize');
    await c.as(bilal).reports.submit({ target: `comment:${fresh.id}`, reason: 'scam' }, key());
    await waitUntil(() => items(el).includes(`comment:${fresh.id}`), 'the new report appeared');
    expect(text($(el, '#tab-reported'))).to.equal('Reported (4)');
    expect(text($(el, '[part="toast"]'))).to.contain('New items arrived');
    expect(focused(el)).to.equal(before);
  });

  it('shows the first report live in a queue that opened empty', async () => {
    const clock = new ManualClock('2026-03-04T12:00:00Z');
    const engine = new Engine({ clock });
    const as = (viewer: ViewerClaims) => new LocalAdapter({ engine, viewer });
    const el = await mount(as(mod));
    expect($(el, '[part="empty"]'), 'nothing reported yet').to.not.equal(null);
    const comment = await as(amal).comments.post({ thread: 'article', body: 'Free crypto, DM me' }, key());
    await as(bilal).reports.submit({ target: `comment:${comment.id}`, reason: 'scam' }, key());
    await waitUntil(() => items(el).includes(`comment:${comment.id}`), 'the report appeared without a reload');
    expect($(el, '[part="empty"]')).to.equal(null);
  });

  it('lists what reports hid in the pending tab, and approving brings it back', async () => {
    const c = await community();
    const hidden = await c.post(chen, 'Borderline joke');
    await c.as(mod).reports.submit({ target: `comment:${hidden.id}`, reason: 'harassment' }, key());
    const el = await mount(c.as(mod), { tab: 'pending', undo: 0.05 });
    expect(items(el)).to.deep.equal([`comment:${hidden.id}`]);
    expect(text($(el, '[part~="item"]'))).to.contain('Hidden automatically by reports');
    expect((await c.as(bilal).comments.count(['article']))['article']).to.equal(4);
    button($(el, '[part="actions"]'), 'Approve').click();
    await waitUntil(async () => (await c.as(bilal).comments.count(['article']))['article'] === 5, 'the comment is visible again');
    await expect(el).to.be.accessible();
  });

  it('switches tabs with the arrow keys, mirrored in Arabic', async () => {
    const c = await community();
    const el = await mount(c.as(mod), { lang: 'ar' });
    $(el, '#tab-reported').focus();
    await sendKeys({ press: 'ArrowLeft' });
    await waitUntil(() => el.tab === 'pending');
    expect(el.shadowRoot!.activeElement?.id).to.equal('tab-pending');
    await sendKeys({ press: 'End' });
    await waitUntil(() => el.tab === 'decided');
    await waitUntil(() => $(el, '[part="audit"], [part="empty"]'));
    expect($(el, '[part="base"]').getAttribute('dir')).to.equal('rtl');
    await expect(el).to.be.accessible();
  });

  it('lists decisions in the audit log, filters them, and exports CSV with formulas neutralized', async () => {
    const c = await community();
    const mod2: ViewerClaims = { id: 'omar', name: 'Omar', roles: ['admin'] };
    await c.as(mod).moderation.decide({ target: c.spam, action: 'remove', reason: '=HYPERLINK("http://evil.example","click")' }, key());
    await c.as(mod2).moderation.decide({ target: c.fine, action: 'approve' }, key());
    const el = await mount(c.as(mod), { tab: 'decided' });
    const rows = () => $$(el, '[part="audit"] tbody tr').map(text);
    expect(rows()).to.have.length(2);
    const [actionFilter, actorFilter] = $$(el, '[part="filters"] select') as HTMLSelectElement[];
    actionFilter!.value = 'remove';
    actionFilter!.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(rows()).to.have.length(1);
    expect(rows()[0]).to.contain('Removed');
    actionFilter!.value = '';
    actionFilter!.dispatchEvent(new Event('change'));
    actorFilter!.value = 'omar';
    actorFilter!.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(rows()).to.have.length(1);
    expect(rows()[0]).to.contain('Omar');
    await expect(el).to.be.accessible();

    actorFilter!.value = '';
    actorFilter!.dispatchEvent(new Event('change'));
    const csv = await el.auditCsv();
    const lines = csv.trim().split('\r\n');
    expect(lines).to.have.length(3);
    expect(lines[0]).to.equal('"at","action","Action","moderator_id","Moderator","Target","Reason"');
    expect(csv).to.contain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv).to.not.match(/,"=/);

    // The button offers it as a file.
    const original = URL.createObjectURL;
    let blob: Blob | undefined;
    URL.createObjectURL = (b: Blob | MediaSource) => ((blob = b as Blob), 'blob:test');
    try {
      button($(el, '[part="filters"]'), 'Export CSV').click();
      await waitUntil(() => blob);
    } finally {
      URL.createObjectURL = original;
    }
    expect(await blob!.text()).to.contain('HYPERLINK');
  });

  it('shows the decision in the audit log when it is saved after the moderator switched to that tab', async () => {
    const c = await community();
    const adapter = c.as(mod);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // No live channel: what the audit shows must not depend on a live event healing it.
    const slow = withModeration(adapter, 'slow', { decide: async (...args) => gate.then(() => adapter.moderation.decide(...args)) }, undefined);
    const el = await mount(slow, { undo: 0.01 });
    const [first] = items(el) as TargetRef[];
    $(el, '[part~="item"][tabindex="0"]').focus();
    await sendKeys({ press: 'a' });
    $(el, '#tab-decided').click();
    await waitUntil(() => $(el, '[part="empty"]'), 'the audit log is empty while the decision is on its way');
    release();
    await waitUntil(() => $$(el, '[part="audit"] tbody tr').length === 1, 'the audit log lists the decision once it is saved');
    expect(text($(el, '[part="audit"] tbody tr'))).to.contain('Approved');
    $(el, '#tab-reported').click();
    await waitUntil(() => items(el).length === 2, 'the reported tab no longer lists the decided item');
    expect(items(el)).to.not.include(first);
  });

  it('shows the decision in the audit log when it is saved while the log is still loading', async () => {
    const c = await community();
    const adapter = c.as(mod);
    let hold = true;
    let reads = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The log is read at once, but its answer arrives only after the decision is saved.
    const slow = withModeration(
      adapter,
      'slow-audit',
      {
        audit: async (...args) => {
          const page = await adapter.moderation.audit(...args);
          if (hold) {
            reads++;
            await gate;
          }
          return page;
        },
      },
      undefined,
    );
    const el = await mount(slow, { undo: 0.3 });
    $(el, '[part~="item"][tabindex="0"]').focus();
    await sendKeys({ press: 'a' });
    $(el, '#tab-decided').click();
    await waitUntil(() => reads === 1, 'the audit log was read');
    await waitUntil(async () => (await adapter.moderation.audit()).items.length === 1, 'the decision was saved');
    hold = false;
    release();
    await waitUntil(() => $$(el, '[part="audit"] tbody tr').length === 1, 'the audit log lists the decision');
  });

  it('says a removal without a reason is refused, and changes nothing', async () => {
    const c = await community();
    let refused: { code: string; field?: string } | undefined;
    await c.as(mod).moderation.decide({ target: c.spam, action: 'remove' }, key()).catch((e: { code: string }) => (refused = e));
    expect(refused?.code).to.equal('invalid');
    expect((await c.as(mod).moderation.queue({ state: 'reported' })).items).to.have.length(3);
  });

  it('puts an item back and says why when saving its decision fails', async () => {
    const c = await community();
    const adapter = c.as(mod);
    const failing = withModeration(adapter, 'failing', { decide: async () => Promise.reject(Object.assign(new Error('down'), { code: 'unavailable', name: 'AdapterError' })) });
    const el = await mount(failing, { undo: 0.01 });
    const [first] = items(el);
    $(el, '[part~="item"][tabindex="0"]').focus();
    await sendKeys({ press: 'a' });
    await waitUntil(() => $(el, '[part="toast"][role="alert"]'), 'an alert says the decision failed');
    expect(text($(el, '[part="toast"]'))).to.contain('back in the queue');
    expect(items(el)).to.include(first);
  });
});
