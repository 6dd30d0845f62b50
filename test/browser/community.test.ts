import { ContextConsumer, ContextProvider } from '@lit/context';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { LocalAdapter } from '../../src/adapters/local/local-adapter.js';
import { MajlisCommunity } from '../../src/components/community/community.js';
import '../../src/define/community.js';
import { ManualClock } from '../../src/engine/clock.js';
import { Engine } from '../../src/engine/engine.js';
import { MajlisViewerChangeEvent } from '../../src/events/viewer-change.js';
import { communityContext, type Community } from '../../src/shared/context.js';
import './fixtures/probe.js';
import type { MajlisTestProbe } from './fixtures/probe.js';

const amal = { id: 'amal', name: 'Amal' };

async function community(viewer: { id: string; name: string } | null = amal) {
  const engine = new Engine({ clock: new ManualClock('2026-05-01T10:00:00Z') });
  const adapter = new LocalAdapter({ engine, viewer });
  if (viewer) await adapter.comments.post({ thread: 'welcome', body: 'First!' }, { idempotencyKey: 'test-key-0001' });
  return adapter;
}

const shadowText = (el: Element) => el.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<majlis-community>', () => {
  it('gives its adapter and the viewer to elements inside it', async () => {
    const adapter = await community();
    const el = await fixture<MajlisCommunity>(html`<majlis-community .adapter=${adapter}><majlis-test-probe></majlis-test-probe></majlis-community>`);
    const probe = el.querySelector('majlis-test-probe')!;
    await waitUntil(() => probe.data.status === 'complete', 'the probe loads through the provider');
    expect(probe.adapter).to.equal(adapter);
    expect(shadowText(probe)).to.contain('First!');
    await waitUntil(() => el.value?.viewer !== undefined);
    expect(el.value?.viewer?.name).to.equal('Amal');
    expect(el.value?.demo).to.equal(false);
  });

  it('announces the viewer with majlis-viewer-change', async () => {
    const adapter = await community();
    const el = document.createElement('majlis-community');
    el.adapter = adapter;
    const heard = oneEvent(document.body, MajlisViewerChangeEvent.eventName);
    document.body.append(el);
    const event = (await heard) as unknown as MajlisViewerChangeEvent;
    expect(event.viewer?.id).to.equal('amal');
    expect(event.composed && event.bubbles).to.equal(true);
    el.remove();
  });

  it('uses a viewer given by the host page without asking the adapter', async () => {
    const adapter = await community();
    let asked = 0;
    const viewer = adapter.session.viewer;
    (adapter as { session: { viewer: typeof viewer } }).session = { viewer: (o) => (asked++, viewer(o)) };
    const given = { ...(await viewer()), name: 'Given by host' } as never;
    const el = await fixture<MajlisCommunity>(html`<majlis-community .adapter=${adapter} .viewer=${given}></majlis-community>`);
    expect(el.value?.viewer).to.equal(given);
    expect(asked).to.equal(0);
  });

  it('switches every element inside to the dark theme, as a custom state', async () => {
    const adapter = await community();
    const el = await fixture<MajlisCommunity>(html`<majlis-community .adapter=${adapter} theme="dark"><majlis-test-probe></majlis-test-probe></majlis-community>`);
    const probe = el.querySelector('majlis-test-probe')!;
    await probe.updateComplete;
    expect(el.matches(':state(dark)')).to.equal(true);
    expect(probe.matches(':state(dark)')).to.equal(true);
    expect(getComputedStyle(probe).colorScheme).to.equal('dark');
    el.theme = 'light';
    await el.updateComplete;
    await probe.updateComplete;
    expect(probe.matches(':state(light)')).to.equal(true);
    expect(probe.matches(':state(dark)')).to.equal(false);
  });

  it('lets the page override tokens in every theme', async () => {
    const adapter = await community();
    const el = await fixture<MajlisCommunity>(html`<majlis-community .adapter=${adapter} theme="dark" style="--majlis-color-text: rgb(1, 2, 3)"><majlis-test-probe></majlis-test-probe></majlis-community>`);
    const probe = el.querySelector('majlis-test-probe')!;
    await probe.updateComplete;
    expect(getComputedStyle(probe).color).to.equal('rgb(1, 2, 3)');
  });

  it('nested providers inherit the outer adapter unless they set their own', async () => {
    const adapter = await community();
    const outer = await fixture<MajlisCommunity>(html`<majlis-community .adapter=${adapter}><majlis-community theme="dark"><majlis-test-probe></majlis-test-probe></majlis-community></majlis-community>`);
    const inner = outer.querySelector('majlis-community majlis-community') as MajlisCommunity;
    const probe = outer.querySelector('majlis-test-probe')!;
    await waitUntil(() => probe.data.status === 'complete');
    expect(probe.adapter).to.equal(adapter);
    expect(inner.value?.theme).to.equal('dark');
    expect(probe.matches(':state(dark)')).to.equal(true);
  });

  it('a nested provider without a theme takes the outer one', async () => {
    const adapter = await community();
    const outer = await fixture<MajlisCommunity>(html`<majlis-community .adapter=${adapter} theme="dark"><majlis-community><majlis-test-probe></majlis-test-probe></majlis-community></majlis-community>`);
    const probe = outer.querySelector('majlis-test-probe')!;
    await probe.updateComplete;
    expect(probe.matches(':state(dark)')).to.equal(true);
  });

  it('a nested provider without an adapter passes on the outer viewer', async () => {
    const adapter = await community();
    const outer = await fixture<MajlisCommunity>(html`<majlis-community .adapter=${adapter}><majlis-community theme="dark"></majlis-community></majlis-community>`);
    const inner = outer.querySelector('majlis-community majlis-community') as MajlisCommunity;
    await waitUntil(() => inner.value?.viewer !== undefined, 'the inner provider knows the viewer');
    expect(inner.value?.viewer?.id).to.equal('amal');
  });

  it('loads once, as the viewer, not first as a guest', async () => {
    const adapter = await community();
    const seen: (string | undefined)[] = [];
    const loader = async (_thread: string, { community }: { community: { viewer?: { id: string } | null } }) => (seen.push(community.viewer?.id), ['x']);
    const el = await fixture<MajlisCommunity>(html`<majlis-community .adapter=${adapter}><majlis-test-probe .loader=${loader}></majlis-test-probe></majlis-community>`);
    const probe = el.querySelector('majlis-test-probe')!;
    await waitUntil(() => probe.data.status === 'complete');
    expect(seen).to.deep.equal(['amal']);
  });

  it('never shows one viewer’s data to the next', async () => {
    const adapter = await community();
    let release: ((items: string[]) => void) | undefined;
    const loader = (_thread: string, { community }: { community: { viewer?: { id: string } | null } }) =>
      community.viewer?.id === 'amal' ? Promise.resolve(['amal’s private item']) : new Promise<string[]>((resolve) => (release = resolve));
    const el = await fixture<MajlisCommunity>(html`<majlis-community .adapter=${adapter}><majlis-test-probe .loader=${loader}></majlis-test-probe></majlis-community>`);
    const probe = el.querySelector('majlis-test-probe')!;
    await waitUntil(() => shadowText(probe).includes('amal’s private item'));
    el.viewer = null;
    await el.updateComplete;
    await probe.updateComplete;
    expect(shadowText(probe)).not.to.contain('amal’s private item');
    expect(probe.data.status).to.equal('loading');
    release?.(['public item']);
    await waitUntil(() => shadowText(probe).includes('public item'));
  });

  it('waits for an adapter set after loading instead of showing the demo', async () => {
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const el = await fixture<MajlisCommunity>(html`<majlis-community no-demo><majlis-test-probe></majlis-test-probe></majlis-community>`);
      const probe = el.querySelector('majlis-test-probe')!;
      await new Promise((r) => setTimeout(r, 300));
      expect(probe.data.status).to.equal('waiting');
      el.adapter = await community();
      await waitUntil(() => probe.data.status === 'complete');
      expect(probe.adapter?.name).to.equal('local');
      expect(el.value?.demo).to.equal(false);
      expect(warnings.filter((w) => String(w[0]).startsWith('[majlis]'))).to.deep.equal([]);
    } finally {
      console.warn = warn;
    }
  });

  it('reaches elements defined before it (a provider registered later still answers)', async () => {
    const adapter = await community();
    const wrapper = await fixture(html`<div><majlis-late-provider><majlis-test-probe></majlis-test-probe></majlis-late-provider></div>`);
    class LateProvider extends MajlisCommunity {}
    customElements.define('majlis-late-provider', LateProvider);
    const provider = wrapper.querySelector('majlis-late-provider') as MajlisCommunity;
    provider.adapter = adapter;
    const probe = wrapper.querySelector('majlis-test-probe')!;
    await waitUntil(() => probe.data.status === 'complete');
    expect(probe.adapter).to.equal(adapter);
  });

  it('hands an element over to a provider that comes to life between it and its provider', async () => {
    const outerAdapter = await community();
    const outer = await fixture<MajlisCommunity>(html`<majlis-community .adapter=${outerAdapter}><majlis-middle-provider><majlis-test-probe></majlis-test-probe></majlis-middle-provider></majlis-community>`);
    const probe = outer.querySelector('majlis-test-probe')!;
    await waitUntil(() => probe.data.status === 'complete');
    expect(probe.adapter, 'the outer provider answers first').to.equal(outerAdapter);
    // Defined only now, with the probe connected all along: only the provider's announcement reaches it.
    customElements.define('majlis-middle-provider', class extends MajlisCommunity {});
    const middle = outer.querySelector('majlis-middle-provider') as MajlisCommunity;
    const middleAdapter = await community({ id: 'bilal', name: 'Bilal' });
    middle.adapter = middleAdapter;
    await waitUntil(() => probe.adapter === middleAdapter, 'the nearer provider took the element over');
    outer.adapter = await community({ id: 'chen', name: 'Chen' });
    await outer.updateComplete;
    await probe.updateComplete;
    expect(probe.adapter, 'the outer provider no longer reaches it').to.equal(middleAdapter);
  });

  it('speaks the context protocol of @lit/context, both ways', async () => {
    const adapter = await community();
    class LitConsumer extends LitElement {
      readonly community = new ContextConsumer(this, { context: communityContext, subscribe: true });
    }
    customElements.define('lit-community-consumer', LitConsumer);
    const provider = await fixture<MajlisCommunity>(html`<majlis-community .adapter=${adapter}><lit-community-consumer></lit-community-consumer></majlis-community>`);
    const consumer = provider.querySelector('lit-community-consumer') as LitConsumer;
    await waitUntil(() => consumer.community.value?.adapter === adapter, 'a @lit/context consumer hears <majlis-community>');

    class LitProvider extends LitElement {
      readonly community = new ContextProvider(this, { context: communityContext });
      // Shows its children: an element out of the layout never nears the viewport, so never loads.
      override render() {
        return html`<slot></slot>`;
      }
    }
    customElements.define('lit-community-provider', LitProvider);
    const wrapper = await fixture(html`<lit-community-provider><majlis-test-probe></majlis-test-probe></lit-community-provider>`);
    const litProvider = wrapper as LitProvider;
    const probe = wrapper.querySelector('majlis-test-probe')!;
    const given: Community = { adapter, viewer: null, theme: 'dark', guidelinesHref: null, demo: false, now: Date.now };
    litProvider.community.setValue(given);
    await waitUntil(() => probe.data.status === 'complete', 'a Majlis element loads through a @lit/context provider');
    expect(probe.adapter).to.equal(adapter);
    expect(probe.matches(':state(dark)')).to.equal(true);
  });

  it('replays an unanswered element once, however often it came and went', async () => {
    const adapter = await community();
    const wrapper = await fixture(html`<div><majlis-once-provider><span></span></majlis-once-provider></div>`);
    const holder = wrapper.querySelector('span')!;
    const probe = document.createElement('majlis-test-probe');
    for (let i = 0; i < 20; i++) {
      holder.append(probe);
      probe.remove();
    }
    holder.append(probe);
    const slot = wrapper.querySelector('majlis-once-provider')!;
    let asked = 0;
    slot.addEventListener('context-request', (event) => event.composedPath()[0] === probe && asked++);
    customElements.define('majlis-once-provider', class extends MajlisCommunity {});
    (slot as MajlisCommunity).adapter = adapter;
    await waitUntil(() => (probe as MajlisTestProbe).adapter === adapter, 'the provider reached the probe');
    expect(asked, 'one replayed request for the probe').to.equal(1);
  });

  it('answers a request without contextTarget, as older protocol libraries send it', async () => {
    const adapter = await community();
    const provider = await fixture<MajlisCommunity>(html`<majlis-community .adapter=${adapter}><div><span></span></div></majlis-community>`);
    await waitUntil(() => provider.value?.adapter === adapter);
    const consumer = provider.querySelector('span')!;
    let heard: Community | undefined;
    const request = Object.assign(new Event('context-request', { bubbles: true, composed: true }), {
      context: communityContext,
      subscribe: true,
      callback: (value: Community) => (heard = value),
    });
    consumer.dispatchEvent(request);
    expect(heard?.adapter).to.equal(adapter);
    // A provider coming to life below hands that consumer over without stumbling on it.
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.error);
    window.addEventListener('error', onError);
    customElements.define('majlis-inner-provider', class extends MajlisCommunity {});
    const inner = document.createElement('majlis-inner-provider') as MajlisCommunity;
    provider.append(inner);
    await inner.updateComplete;
    window.removeEventListener('error', onError);
    expect(errors).to.deep.equal([]);
  });

  it('is accessible and renders its content', async () => {
    const adapter = await community();
    const el = await fixture<MajlisCommunity>(html`<majlis-community .adapter=${adapter}><p>Page content</p></majlis-community>`);
    expect(el.shadowRoot!.querySelector('[part="base"] slot')).to.exist;
    await expect(el).to.be.accessible();
  });
});

describe('the demo fallback', () => {
  it('an element with no provider uses the seeded demo community and warns once', async () => {
    localStorage.removeItem('majlis-demo-community');
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const first = await fixture<MajlisTestProbe>(html`<majlis-test-probe></majlis-test-probe>`);
      await waitUntil(() => first.data.status === 'complete', 'the demo thread loads', { timeout: 4000 });
      const second = await fixture<MajlisTestProbe>(html`<majlis-test-probe></majlis-test-probe>`);
      await waitUntil(() => second.data.status === 'complete');
      expect(first.adapter?.name).to.equal('local');
      expect(first.adapter).to.equal(second.adapter);
      expect(shadowText(first)).to.contain('Welcome to the **Majlis** demo');
      expect(warnings.filter((w) => String(w[0]).startsWith('[majlis]'))).to.have.length(1);
    } finally {
      console.warn = warn;
    }
  });
});
