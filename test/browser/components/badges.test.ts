import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LocalAdapter } from '../../../src/adapters/local/local-adapter.js';
import '../../../src/define/badges.js';
import '../../../src/define/community.js';
import type { MajlisBadges } from '../../../src/define/badges.js';
import { ManualClock } from '../../../src/engine/clock.js';
import { Engine } from '../../../src/engine/engine.js';

const me = { id: 'me', name: 'Me' };

async function setup(comments: number) {
  const clock = new ManualClock('2026-03-04T12:00:00Z');
  const engine = new Engine({ clock });
  const adapter = new LocalAdapter({ engine, viewer: me });
  for (let i = 0; i < comments; i++) {
    await adapter.comments.post({ thread: 't', body: `comment ${i}` }, { idempotencyKey: `badge-test-${i}-key` });
    clock.advance(4000);
  }
  return { engine, clock, adapter };
}

const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

describe('<majlis-badges>', () => {
  it('groups earned badges by tier and shows progress to the next one', async () => {
    const { adapter } = await setup(7);
    const wrapper = await fixture(html`<majlis-community .adapter=${adapter}><majlis-badges member="me"></majlis-badges></majlis-community>`);
    const el = wrapper.querySelector('majlis-badges') as MajlisBadges;
    await waitUntil(() => el.shadowRoot!.querySelector('[part="badge"]'));
    expect(text(el)).to.contain('First comment');
    const progress = [...el.shadowRoot!.querySelectorAll('progress')].find((p) => p.getAttribute('aria-label')!.startsWith('Commenter'))!;
    expect(progress.value).to.equal(7);
    expect(progress.max).to.equal(10);
    expect(progress.getAttribute('aria-label')).to.equal('Commenter: 7 of 10');
    await expect(el).to.be.accessible();
  });

  it('shows a badge earned while the page is open, and says so', async () => {
    const { adapter, clock } = await setup(9);
    const wrapper = await fixture(html`<majlis-community .adapter=${adapter}><majlis-badges member="me"></majlis-badges></majlis-community>`);
    const el = wrapper.querySelector('majlis-badges') as MajlisBadges;
    await waitUntil(() => el.shadowRoot!.querySelector('[part="badge"]'));
    clock.advance(4000);
    await adapter.comments.post({ thread: 't', body: 'the tenth' }, { idempotencyKey: 'badge-test-tenth-key' });
    await waitUntil(() => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.includes('You earned Commenter (Bronze)!'), 'announced');
    await waitUntil(() => [...el.shadowRoot!.querySelectorAll('[part="group"]')].some((g) => g.getAttribute('aria-label') === 'Bronze' && g.textContent!.includes('Commenter')));
  });

  it('says when the member does not exist', async () => {
    const { adapter } = await setup(0);
    const wrapper = await fixture(html`<majlis-community .adapter=${adapter}><majlis-badges member="ghost"></majlis-badges></majlis-community>`);
    const el = wrapper.querySelector('majlis-badges') as MajlisBadges;
    await waitUntil(() => el.matches(':state(error)'));
    expect(text(el)).to.contain('could not be found');
  });
});
