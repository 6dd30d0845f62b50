import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LocalAdapter } from '../../../src/adapters/local/local-adapter.js';
import type { ViewerClaims } from '../../../src/core/types.js';
import '../../../src/define/community.js';
import '../../../src/define/poll-editor.js';
import type { MajlisPollEditor } from '../../../src/define/poll-editor.js';
import { Engine } from '../../../src/engine/engine.js';
import type { MajlisPollCreatedEvent } from '../../../src/events/poll-created.js';

const mod: ViewerClaims = { id: 'mod', name: 'Mod', roles: ['moderator'] };

async function mount(viewer: ViewerClaims | null, engine = new Engine()) {
  const wrapper = await fixture(html`<majlis-community .adapter=${new LocalAdapter({ engine, viewer })}><majlis-poll-editor></majlis-poll-editor></majlis-community>`);
  const el = wrapper.querySelector('majlis-poll-editor') as MajlisPollEditor;
  await waitUntil(() => el.shadowRoot!.querySelector('form, [part="not-allowed"]'), 'the editor rendered');
  return { el, engine };
}

const $ = (el: Element, s: string) => el.shadowRoot!.querySelector(s) as HTMLElement;
const $$ = (el: Element, s: string) => [...el.shadowRoot!.querySelectorAll(s)] as HTMLElement[];

async function type(input: HTMLElement, text: string) {
  input.focus();
  await sendKeys({ type: text });
}

describe('<majlis-poll-editor>', () => {
  it('creates a poll from the keyboard and announces its id', async () => {
    const { el, engine } = await mount(mod);
    await type($(el, '[part="question"]'), 'Lunch?');
    await type($$(el, '[part="option"]')[0]!, 'Falafel');
    await type($$(el, '[part="option"]')[1]!, 'Shawarma');
    $(el, '[part="add-option"]').click();
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal($$(el, '[part="option"]')[2]);
    await sendKeys({ type: 'Salad' });
    await expect(el).to.be.accessible();
    const created = oneEvent(el, 'majlis-poll-created');
    $(el, '[part="create-button"]').click();
    const event = (await created) as unknown as MajlisPollCreatedEvent;
    const poll = await new LocalAdapter({ engine, viewer: null }).polls.get(event.pollId);
    expect(poll.question).to.equal('Lunch?');
    expect(poll.options.map((o) => o.label)).to.deep.equal(['Falafel', 'Shawarma', 'Salad']);
  });

  it('reorders and removes options', async () => {
    const { el } = await mount(mod);
    await type($$(el, '[part="option"]')[0]!, 'A');
    await type($$(el, '[part="option"]')[1]!, 'B');
    ($(el, '[data-move="1:-1"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect($$(el, '[part="option"]').map((i) => (i as HTMLInputElement).value)).to.deep.equal(['B', 'A']);
    $(el, '[part="add-option"]').click();
    await el.updateComplete;
    ($$(el, 'button[aria-label^="Remove option 3"]')[0] as HTMLButtonElement).click();
    await el.updateComplete;
    expect($$(el, '[part="option"]')).to.have.length(2);
  });

  it('explains bad input in place and creates nothing', async () => {
    const { el, engine } = await mount(mod);
    $(el, '[part="create-button"]').click();
    await waitUntil(() => $$(el, '[part="error"]').length >= 2);
    expect($(el, '#error-question').textContent).to.contain('Write the question');
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[part="question"]'));
    await type($(el, '[part="question"]'), '<b>HTML</b> in a question');
    await type($$(el, '[part="option"]')[0]!, 'Same');
    await type($$(el, '[part="option"]')[1]!, 'same');
    $(el, '[part="create-button"]').click();
    await waitUntil(() => $(el, '#error-options')?.textContent?.includes('repeats'));
    expect((await engine.audit(mod)).items.filter((a) => a.action === 'create-poll')).to.have.length(0);
  });

  it('tells members it is for moderators', async () => {
    const { el } = await mount({ id: 'm', name: 'Member' });
    expect($(el, '[part="not-allowed"]').textContent).to.contain('Only moderators');
  });
});
