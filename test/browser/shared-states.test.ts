import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LocalAdapter } from '../../src/adapters/local/local-adapter.js';
import '../../src/define/community.js';
import { AdapterError } from '../../src/core/errors.js';
import { Engine } from '../../src/engine/engine.js';
import './fixtures/probe.js';
import type { MajlisTestProbe, ProbeLoader } from './fixtures/probe.js';

const adapter = new LocalAdapter({ engine: new Engine(), viewer: { id: 'amal', name: 'Amal' } });

async function probe(loader: ProbeLoader, attrs: { lang?: string; dir?: string; theme?: string } = {}) {
  const wrapper = await fixture(html`<div lang=${attrs.lang ?? 'en'} dir=${attrs.dir ?? 'ltr'}>
    <majlis-community .adapter=${adapter} theme=${attrs.theme ?? 'light'}><majlis-test-probe .loader=${loader}></majlis-test-probe></majlis-community>
  </div>`);
  return wrapper.querySelector('majlis-test-probe') as MajlisTestProbe;
}

const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim();
const never: ProbeLoader = () => new Promise(() => {});

describe('shared element states', () => {
  it('loading: a status region with reserved height, then the content', async () => {
    let release!: (items: string[]) => void;
    const el = await probe(() => new Promise((resolve) => (release = resolve)));
    await waitUntil(() => el.data.status === 'loading');
    const loading = el.shadowRoot!.querySelector('[part="loading"]') as HTMLElement;
    expect(loading.getAttribute('role')).to.equal('status');
    expect(loading.getBoundingClientRect().height).to.be.greaterThan(40);
    expect(el.matches(':state(loading)')).to.equal(true);
    await expect(el).to.be.accessible();
    release(['one', 'two']);
    await waitUntil(() => el.data.status === 'complete');
    await el.updateComplete;
    expect(text(el)).to.contain('2 comments');
    expect(el.matches(':state(loading)')).to.equal(false);
  });

  it('empty: says so in the page language', async () => {
    const el = await probe(async () => []);
    await waitUntil(() => el.data.status === 'empty');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="empty"]')!.textContent).to.contain('No comments');
    expect(el.matches(':state(empty)')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('error: says what happened and what to do, and the retry button loads again', async () => {
    let calls = 0;
    const el = await probe(async () => {
      calls++;
      if (calls === 1) throw new AdapterError('unavailable', 'down');
      return ['back'];
    });
    await waitUntil(() => el.data.status === 'error');
    await el.updateComplete;
    const alert = el.shadowRoot!.querySelector('[part="error"]')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.contain('unavailable right now');
    expect(alert.textContent).to.contain('try again');
    expect(el.matches(':state(error)')).to.equal(true);
    await expect(el).to.be.accessible();
    (el.shadowRoot!.querySelector('[part="retry-button"]') as HTMLButtonElement).click();
    await waitUntil(() => el.data.status === 'complete');
    expect(calls).to.equal(2);
  });

  it('a reason inside an error code gets its own words', async () => {
    const el = await probe(async () => {
      throw new AdapterError('forbidden', 'banned until…', { reason: 'banned' });
    });
    await waitUntil(() => el.data.status === 'error');
    await el.updateComplete;
    expect(text(el)).to.contain('because of a moderator’s ban');
  });

  it('rate limited: tells when to retry and retries by itself after Retry-After', async () => {
    let calls = 0;
    const el = await probe(async () => {
      calls++;
      if (calls === 1) throw new AdapterError('rate_limited', 'slow down', { retryAfter: 1 });
      return ['ok'];
    });
    await waitUntil(() => el.data.status === 'error');
    await el.updateComplete;
    expect(text(el)).to.contain('Try again in 1 second');
    await waitUntil(() => el.data.status === 'complete', 'retried after 1 s', { timeout: 3000 });
    expect(calls).to.equal(2);
  });

  it('passes an AbortSignal that aborts when the arguments change', async () => {
    const el = await probe(never);
    await waitUntil(() => el.signals.length === 1);
    el.thread = 'another';
    await waitUntil(() => el.signals.length === 2);
    expect(el.signals[0]!.aborted).to.equal(true);
    expect(el.signals[1]!.aborted).to.equal(false);
  });

  it('refreshes in the background: the content stays until the new one lands, a failure keeps it, a newer load wins', async () => {
    let answer: Promise<string[]> = Promise.resolve(['first']);
    const el = await probe(() => answer);
    await waitUntil(() => text(el).includes('first'));
    let land!: (items: string[]) => void;
    answer = new Promise((resolve) => (land = resolve));
    el.data.refresh();
    await el.updateComplete;
    expect(el.data.status, 'no loading state while it refreshes').to.equal('complete');
    expect(text(el)).to.contain('first');
    land(['second']);
    await waitUntil(() => text(el).includes('second'), 'the new value shows');

    answer = Promise.reject(new AdapterError('unavailable', 'down'));
    el.data.refresh();
    await aTimeout(20);
    expect(el.data.status, 'a failed refresh is not an error state').to.equal('complete');
    expect(text(el)).to.contain('second');

    let late!: (items: string[]) => void;
    answer = new Promise((resolve) => (late = resolve));
    el.data.refresh();
    answer = Promise.resolve(['other thread']);
    el.thread = 'another';
    await waitUntil(() => text(el).includes('other thread'));
    late(['stale']);
    await aTimeout(20);
    expect(text(el), 'the refresh overtaken by a change of thread is dropped').to.not.contain('stale');
  });

  it('a refresh during the first load starts it again, and a refresh stops when the element leaves', async () => {
    const answers: ((items: string[]) => void)[] = [];
    const el = await probe(() => new Promise((resolve) => answers.push(resolve)));
    await waitUntil(() => el.signals.length === 1, 'the first load started');
    el.data.refresh();
    await waitUntil(() => el.signals.length === 2, 'the load under way read before the change: it starts again');
    expect(el.signals[0]!.aborted).to.equal(true);
    answers[1]!(['fresh']);
    await waitUntil(() => text(el).includes('fresh'));

    el.data.refresh();
    expect(el.signals).to.have.length(3);
    const parent = el.parentElement!;
    el.remove();
    expect(el.signals[2]!.aborted, 'leaving the page stops the refresh').to.equal(true);
    parent.append(el);
    await waitUntil(() => el.signals.length === 4, 'back on the page, it refreshes again');
    await el.updateComplete;
    expect(el.data.status, 'quietly: the content stays').to.equal('complete');
    expect(text(el)).to.contain('fresh');
    answers[3]!(['fresher']);
    await waitUntil(() => text(el).includes('fresher'));
  });

  it('asks for nothing until the element comes within 800 px of the viewport', async () => {
    let calls = 0;
    const wrapper = await fixture(html`<div><div style="block-size: 4000px"></div><majlis-community .adapter=${adapter}><majlis-test-probe .loader=${async () => (calls++, ['x'])}></majlis-test-probe></majlis-community></div>`);
    const el = wrapper.querySelector('majlis-test-probe') as MajlisTestProbe;
    await aTimeout(150);
    expect(calls).to.equal(0);
    expect(el.data.status).to.equal('waiting');
    el.scrollIntoView();
    await waitUntil(() => el.data.status === 'complete');
    expect(calls).to.equal(1);
  });
});

describe('language and direction', () => {
  it('takes Arabic and right-to-left from the nearest ancestor, with Arabic plurals', async () => {
    const counts = [0, 1, 2, 3, 11, 100];
    const results: string[] = [];
    for (const n of counts) {
      const el = await probe(async () => Array.from({ length: n }, (_, i) => `c${i}`), { lang: 'ar', dir: '' });
      await waitUntil(() => el.data.status === 'complete' || el.data.status === 'empty');
      await el.updateComplete;
      const base = el.shadowRoot!.querySelector('[part="base"]')!;
      expect(base.getAttribute('dir')).to.equal('rtl');
      results.push(n === 0 ? el.shadowRoot!.querySelector('[part="empty"]')!.textContent!.trim() : el.shadowRoot!.querySelector('.count')!.textContent!.trim());
    }
    const n = (x: number) => new Intl.NumberFormat('ar').format(x);
    expect(results).to.deep.equal(['لا تعليقات', 'تعليق واحد', 'تعليقان', `${n(3)} تعليقات`, `${n(11)} تعليقًا`, `${n(100)} تعليق`]);
  });

  it('an explicit dir wins over the language’s direction', async () => {
    const el = await probe(async () => ['x'], { lang: 'ar', dir: 'ltr' });
    await waitUntil(() => el.data.status === 'complete');
    expect(el.shadowRoot!.querySelector('[part="base"]')!.getAttribute('dir')).to.equal('ltr');
  });

  it('follows a lang change on the page without reloading data', async () => {
    let calls = 0;
    const el = await probe(async () => (calls++, ['a', 'b']), { lang: 'en' });
    await waitUntil(() => el.data.status === 'complete');
    el.closest('[lang]')!.setAttribute('lang', 'ar');
    await waitUntil(() => text(el).includes('تعليقان'));
    expect(calls).to.equal(1);
  });

  it('is accessible in Arabic, right to left, in the dark theme', async () => {
    const el = await probe(async () => ['تعليق'], { lang: 'ar', dir: 'rtl', theme: 'dark' });
    await waitUntil(() => el.data.status === 'complete');
    expect(el.matches(':state(dark)')).to.equal(true);
    await expect(el).to.be.accessible();
  });
});
