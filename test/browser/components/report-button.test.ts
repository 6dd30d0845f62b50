import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LocalAdapter } from '../../../src/adapters/local/local-adapter.js';
import type { ViewerClaims } from '../../../src/core/types.js';
import '../../../src/define/community.js';
import '../../../src/define/report-button.js';
import type { MajlisReportButton } from '../../../src/define/report-button.js';
import { Engine } from '../../../src/engine/engine.js';
import type { MajlisReportOutcomeEvent, MajlisReportSubmittedEvent } from '../../../src/events/report-submitted.js';

const author: ViewerClaims = { id: 'author', name: 'Author' };
const reporter: ViewerClaims = { id: 'reporter', name: 'Reporter' };
const mod: ViewerClaims = { id: 'mod', name: 'Mod', roles: ['moderator'] };

async function setup() {
  const engine = new Engine();
  const comment = await new LocalAdapter({ engine, viewer: author }).comments.post({ thread: 't', body: 'buy cheap pills' }, { idempotencyKey: 'report-test-post' });
  return { engine, target: `comment:${comment.id}` };
}

async function mount(engine: Engine, viewer: ViewerClaims | null, target: string) {
  const wrapper = await fixture(html`<majlis-community .adapter=${new LocalAdapter({ engine, viewer })} guidelines-href="https://example.com/rules"><majlis-report-button target=${target}></majlis-report-button></majlis-community>`);
  const el = wrapper.querySelector('majlis-report-button') as MajlisReportButton;
  await waitUntil(() => !el.matches(':state(loading)') && el.shadowRoot!.querySelector('[part="button"]'));
  return el;
}

const $ = (el: Element, s: string) => el.shadowRoot!.querySelector(s) as HTMLElement;

describe('<majlis-report-button>', () => {
  it('reports with the keyboard alone: a dialog that takes focus, a reason, and focus back on the button', async () => {
    const { engine, target } = await setup();
    const el = await mount(engine, reporter, target);
    $(el, '[part="button"]').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => ($(el, 'dialog') as HTMLDialogElement).open, 'the dialog opened');
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('reason');
    await sendKeys({ press: 'Space' });
    expect($(el, 'a').getAttribute('href')).to.equal('https://example.com/rules');
    await expect(el).to.be.accessible();
    const submitted = oneEvent(el, 'majlis-report-submitted');
    ($(el, '[part="send-button"]') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    const event = (await submitted) as unknown as MajlisReportSubmittedEvent;
    expect(event.report.reason).to.equal('spam');
    await waitUntil(() => $(el, 'dialog [role="status"]'));
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !($(el, 'dialog') as HTMLDialogElement).open);
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[part="button"]'));
    expect($(el, '[part="button"]').textContent!.trim()).to.equal('Reported');
  });

  it('asks for a note with “Something else”, and keeps the dialog open', async () => {
    const { engine, target } = await setup();
    const el = await mount(engine, reporter, target);
    el.open();
    await waitUntil(() => ($(el, 'dialog') as HTMLDialogElement).open);
    ([...el.shadowRoot!.querySelectorAll('input[name="reason"]')].at(-1) as HTMLInputElement).click();
    ($(el, '[part="send-button"]') as HTMLButtonElement).click();
    await waitUntil(() => $(el, '.problem'));
    expect($(el, '.problem').textContent).to.contain('Add a short note');
    expect(($(el, 'dialog') as HTMLDialogElement).open).to.equal(true);
  });

  it('shows “Reported” after a reload, and the moderators’ decision when it comes', async () => {
    const { engine, target } = await setup();
    await new LocalAdapter({ engine, viewer: reporter }).reports.submit({ target: target as `comment:${string}`, reason: 'scam' }, { idempotencyKey: 'report-test-earlier' });
    const el = await mount(engine, reporter, target);
    await waitUntil(() => el.matches(':state(reported)'));
    expect($(el, '[part="status"]').textContent).to.contain('waiting');
    const outcome = oneEvent(el, 'majlis-report-outcome');
    await new LocalAdapter({ engine, viewer: mod }).moderation.decide({ target: target as `comment:${string}`, action: 'remove', reason: 'Scam' }, { idempotencyKey: 'report-test-decide' });
    expect(((await outcome) as unknown as MajlisReportOutcomeEvent).status).to.equal('upheld');
    await waitUntil(() => $(el, '[part="status"]').textContent!.includes('upheld'));
    expect($(el, '[part="status"]').textContent).to.contain('Their reason: “Scam”');
    expect(((await outcome) as unknown as MajlisReportOutcomeEvent).reason).to.equal('Scam');
  });

  it('links to the site’s guidelines given as a path on the site, and never to a javascript: URL', async () => {
    const { engine, target } = await setup();
    for (const [href, expected] of [
      ['/community/rules', new URL('/community/rules', document.baseURI).href],
      ['javascript:alert(1)', null],
    ] as const) {
      const wrapper = await fixture(html`<majlis-community .adapter=${new LocalAdapter({ engine, viewer: reporter })} guidelines-href=${href}><majlis-report-button target=${target}></majlis-report-button></majlis-community>`);
      const el = wrapper.querySelector('majlis-report-button') as MajlisReportButton;
      await waitUntil(() => !el.matches(':state(loading)') && el.shadowRoot!.querySelector('[part="button"]'));
      el.open();
      await waitUntil(() => ($(el, 'dialog') as HTMLDialogElement).open);
      const link = el.shadowRoot!.querySelector('dialog a');
      expect(link?.getAttribute('href') ?? null).to.equal(expected);
    }
  });

  it('asks guests to sign in', async () => {
    const { engine, target } = await setup();
    const el = await mount(engine, null, target);
    setTimeout(() => $(el, '[part="button"]').click());
    const event = await oneEvent(el, 'majlis-sign-in-request');
    expect((event as unknown as { intent: string }).intent).to.equal('report');
  });
});

describe('reporting from the comment thread', () => {
  it('opens the report dialog from a comment’s Report action', async () => {
    await import('../../../src/define/comments.js');
    const { engine, target } = await setup();
    const wrapper = await fixture(html`<majlis-community .adapter=${new LocalAdapter({ engine, viewer: reporter })}><majlis-comments thread="t"></majlis-comments></majlis-community>`);
    const thread = wrapper.querySelector('majlis-comments')!;
    await waitUntil(() => thread.shadowRoot!.querySelector('[part="report-button"]'));
    (thread.shadowRoot!.querySelector('[part="report-button"]') as HTMLButtonElement).click();
    await waitUntil(() => (thread.shadowRoot!.querySelector('majlis-report-button')?.shadowRoot?.querySelector('dialog') as HTMLDialogElement | null)?.open, 'the dialog opened');
    expect(thread.shadowRoot!.querySelector('majlis-report-button')!.getAttribute('target')).to.equal(target);
  });
});
