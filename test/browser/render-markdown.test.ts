import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import { userTextWords } from '../../src/shared/render-markdown.messages.js';
import { renderPlainText, renderUserText } from '../../src/shared/render-markdown.js';

const words = userTextWords.for('en');

async function show(source: string): Promise<HTMLElement> {
  const host = await fixture<HTMLElement>(html`<div></div>`);
  render(renderUserText(words, source, { mentionHref: (name) => `https://example.com/members/${encodeURIComponent(name)}` }), host);
  return host;
}

describe('rendering user text', () => {
  let alerts: unknown[] = [];
  const originalAlert = window.alert;
  beforeEach(() => {
    alerts = [];
    window.alert = (...args: unknown[]) => void alerts.push(args);
  });
  afterEach(() => {
    window.alert = originalAlert;
    expect(alerts, 'no script ran').to.deep.equal([]);
  });

  it('renders HTML as inert text', async () => {
    const host = await show('<img src=x onerror=alert(1)> <script>alert(2)</script> <svg onload=alert(3)>');
    await new Promise((r) => setTimeout(r, 50));
    expect(host.querySelector('img, script, svg')).to.equal(null);
    expect(host.textContent).to.contain('<img src=x onerror=alert(1)>');
    expect(host.textContent).to.contain('<script>alert(2)</script>');
  });

  it('drops javascript:, data: and relative destinations, keeping the words', async () => {
    const host = await show('[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z](data:text/html,hi) [w](/relative)');
    expect(host.querySelectorAll('a')).to.have.length(0);
    expect(host.textContent).to.contain('x');
    expect(host.textContent).to.contain('w');
  });

  it('marks link text that names another domain than its target as possible phishing, showing the real host', async () => {
    const host = await show('[paypal.com](https://evil.example/login)');
    const link = host.querySelector('a')!;
    expect(link.getAttribute('href')).to.equal('https://evil.example/login');
    expect(link.getAttribute('part')).to.contain('link-suspicious');
    expect(host.querySelector('[part="link-host"]')!.textContent).to.equal('(evil.example)');
    expect(host.querySelector('[part="link-warning"]')!.textContent).to.contain('evil.example');
  });

  it('marks look-alike hosts', async () => {
    const host = await show('see https://раураl.com/account');
    expect(host.querySelector('[part="link-warning"]')!.textContent).to.match(/imitate/);
  });

  it('gives every link the safe rel and an http(s)/mailto href only', async () => {
    const host = await show('[docs](https://example.com/docs) https://example.org mail [me](mailto:a@example.com) @Sara');
    const links = [...host.querySelectorAll('a')];
    expect(links.length).to.equal(4);
    for (const a of links) expect(['http:', 'https:', 'mailto:']).to.include(new URL(a.href).protocol);
    for (const a of links.filter((a) => a.getAttribute('part') !== 'mention')) expect(a.rel).to.equal('nofollow ugc noopener noreferrer');
    expect(host.querySelector('[part="link-warning"]')).to.equal(null);
  });

  it('removes direction overrides and says so', async () => {
    const host = await show('invoice\u202Egpj.exe');
    expect(host.textContent).not.to.contain('\u202E');
    expect(host.querySelector('[part="hidden-characters"]')).to.exist;
  });

  it('renders the markdown subset as elements', async () => {
    const host = await show('**bold** *em* `code`\n\n> quoted\n\n- one\n- two\n\n1. first\n\n```\nblock <b>\n```\n\nhi @Sara');
    expect(host.querySelector('strong')!.textContent).to.equal('bold');
    expect(host.querySelector('em')!.textContent).to.equal('em');
    expect(host.querySelector('[part="md-code"]')!.textContent).to.equal('code');
    expect(host.querySelector('blockquote')!.textContent).to.contain('quoted');
    expect(host.querySelectorAll('ul li')).to.have.length(2);
    expect(host.querySelector('ol')).to.exist;
    expect(host.querySelector('pre code')!.textContent).to.contain('block <b>');
    expect(host.querySelector('[part="mention"]')!.textContent).to.equal('@Sara');
    await expect(host).to.be.accessible();
  });

  it('isolates names so right-to-left text does not reorder what follows', async () => {
    const host = await fixture<HTMLElement>(html`<p></p>`);
    render(html`${renderPlainText('يوسف\u202E')}: hello`, host);
    expect(host.querySelector('bdi')!.textContent).to.equal('يوسف');
  });
});
