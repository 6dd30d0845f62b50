import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { property } from 'lit/decorators.js';
import { LocalAdapter } from '../../src/adapters/local/local-adapter.js';
import type { SequencedEvent, Topic } from '../../src/core/adapter.js';
import '../../src/define/community.js';
import { Engine } from '../../src/engine/engine.js';
import { MajlisElement } from '../../src/shared/element.js';
import { LiveController } from '../../src/shared/live-controller.js';

class MajlisTestListener extends MajlisElement {
  @property() thread = 'a';
  heard: SequencedEvent[] = [];
  readonly live = new LiveController(this, () => `thread:${this.thread}` as Topic, (event) => this.heard.push(event));
}
MajlisTestListener.define('majlis-test-listener');

const engine = new Engine();
let n = 0;
const post = (thread: string) =>
  new LocalAdapter({ engine, viewer: { id: `poster-${++n}`, name: 'Poster' } }).comments.post({ thread, body: `hello ${n}` }, { idempotencyKey: `live-test-${n}-key` });

describe('LiveController', () => {
  it('follows the topic while on the page, follows topic changes, and stops when removed', async () => {
    const adapter = new LocalAdapter({ engine, viewer: null });
    const wrapper = await fixture(html`<majlis-community .adapter=${adapter}><majlis-test-listener></majlis-test-listener></majlis-community>`);
    const el = wrapper.querySelector('majlis-test-listener') as MajlisTestListener;
    await waitUntil(() => el.nearViewport, 'the element comes near the viewport');
    await el.updateComplete;
    await post('a');
    await waitUntil(() => el.heard.some((e) => e.type === 'comment.created'));
    el.thread = 'b';
    await el.updateComplete;
    const before = el.heard.length;
    await post('a');
    expect(el.heard.length, 'no events of the old topic').to.equal(before);
    await post('b');
    await waitUntil(() => el.heard.length > before);
    el.remove();
    const after = el.heard.length;
    await post('b');
    expect(el.heard.length, 'nothing after removal').to.equal(after);
  });

  it('opens no live stream for an element nobody has scrolled near yet', async () => {
    const adapter = new LocalAdapter({ engine, viewer: null });
    const topics: Topic[] = [];
    const live = adapter.live!;
    const watched = { ...adapter, live: { subscribe: (topic: Topic, listener: (event: SequencedEvent) => void) => (topics.push(topic), live.subscribe(topic, listener)) } };
    const wrapper = await fixture(html`<majlis-community .adapter=${watched}><div style="height: 5000px"></div><majlis-test-listener thread="far"></majlis-test-listener></majlis-community>`);
    const el = wrapper.querySelector('majlis-test-listener') as MajlisTestListener;
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(topics, 'three screens below the fold').to.deep.equal([]);
    el.scrollIntoView();
    await waitUntil(() => topics.includes('thread:far'), 'subscribed once scrolled near');
    await post('far');
    await waitUntil(() => el.heard.some((e) => e.type === 'comment.created'));
  });
});
