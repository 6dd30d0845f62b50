import { expect, waitUntil } from '@open-wc/testing';
import { LocalAdapter } from '../../src/adapters/local/local-adapter.js';
import type { SequencedEvent } from '../../src/core/adapter.js';

const amal = { id: 'amal', name: 'Amal' };
const bilal = { id: 'bilal', name: 'Bilal' };
let n = 0;
const key = () => ({ idempotencyKey: `browser-key-${Date.now()}-${++n}` });

describe('LocalAdapter in the browser', () => {
  const storageKey = 'majlis-test-local-adapter';
  afterEach(() => localStorage.removeItem(storageKey));

  it('keeps the community in localStorage across a reload', async () => {
    const first = new LocalAdapter({ persist: storageKey, viewer: amal });
    await first.comments.post({ thread: 'p', body: 'kept' }, key());
    first.dispose();
    const afterReload = new LocalAdapter({ persist: storageKey, viewer: bilal });
    const page = await afterReload.comments.list({ thread: 'p' });
    expect(page.items.map((c) => c.body)).to.deep.equal(['kept']);
    afterReload.dispose();
  });

  it('shares live events and state with another tab of the site', async () => {
    const tabA = new LocalAdapter({ persist: storageKey, viewer: amal });
    const tabB = new LocalAdapter({ persist: storageKey, viewer: bilal });
    const heard: SequencedEvent[] = [];
    const stop = tabB.live.subscribe('thread:tabs', (event) => heard.push(event));
    const posted = await tabA.comments.post({ thread: 'tabs', body: 'hello from tab A' }, key());
    await waitUntil(() => heard.some((e) => e.type === 'comment.created'), 'tab B hears tab A');
    const created = heard.find((e) => e.type === 'comment.created');
    expect(created?.type === 'comment.created' && created.comment.id).to.equal(posted.id);
    expect((await tabB.comments.list({ thread: 'tabs' })).items.map((c) => c.body)).to.deep.equal(['hello from tab A']);
    stop();
    tabA.dispose();
    tabB.dispose();
  });

  it('two tabs writing at the same moment both keep their writes', async () => {
    const tabA = new LocalAdapter({ persist: storageKey, viewer: amal });
    const tabB = new LocalAdapter({ persist: storageKey, viewer: bilal });
    await Promise.all([tabA.comments.post({ thread: 'race', body: 'from A' }, key()), tabB.comments.post({ thread: 'race', body: 'from B' }, key())]);
    const afterReload = new LocalAdapter({ persist: storageKey, viewer: null });
    const bodies = (await afterReload.comments.list({ thread: 'race' })).items.map((c) => c.body).sort();
    expect(bodies).to.deep.equal(['from A', 'from B']);
    const ids = (await afterReload.comments.list({ thread: 'race' })).items.map((c) => c.id);
    expect(new Set(ids).size).to.equal(2);
    [tabA, tabB, afterReload].forEach((a) => a.dispose());
  });

  it('stops delivering a member’s events once someone else is the viewer', async () => {
    const adapter = new LocalAdapter({ viewer: amal });
    const heard: SequencedEvent[] = [];
    adapter.live.subscribe('member:amal', (event) => heard.push(event));
    adapter.setViewer(bilal);
    await adapter.as(amal).comments.post({ thread: 'x', body: 'earns a badge' }, key());
    await new Promise((r) => setTimeout(r, 20));
    expect(heard).to.deep.equal([]);
  });

  it('lets only moderators follow the moderation queue, and guests no member topic', () => {
    expect(() => new LocalAdapter({ viewer: amal }).live.subscribe('moderation', () => {})).to.throw(/moderators/);
    expect(() => new LocalAdapter({ viewer: null }).live.subscribe('member:undefined', () => {})).to.throw();
    new LocalAdapter({ viewer: { ...amal, roles: ['moderator'] } }).live.subscribe('moderation', () => {})();
  });

  it('rejects with the caller’s abort reason when the signal aborts', async () => {
    const adapter = new LocalAdapter({ viewer: amal });
    const controller = new AbortController();
    controller.abort(new DOMException('stop', 'AbortError'));
    let error: unknown;
    try {
      await adapter.comments.list({ thread: 'x' }, { signal: controller.signal });
    } catch (e) {
      error = e;
    }
    expect((error as DOMException).name).to.equal('AbortError');
  });

  it('lets only the member follow their own member topic', () => {
    const adapter = new LocalAdapter({ viewer: amal });
    expect(() => adapter.live.subscribe('member:bilal', () => {})).to.throw(/Only the member/);
    const stop = adapter.live.subscribe('member:amal', () => {});
    stop();
  });
});
