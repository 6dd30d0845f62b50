import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LINK_REL, guardUrl, linkMismatch, type SafeLink } from '../../src/shared/url-guard.js';
import { parseMarkdown, plainText } from '../../src/shared/markdown.js';

const link = (raw: string): SafeLink => {
  const guarded = guardUrl(raw);
  assert.ok(guarded, `expected ${raw} to pass the guard`);
  return guarded;
};

describe('guardUrl', () => {
  it('passes absolute http, https and mailto URLs, normalized, with the real host in ASCII', () => {
    assert.deepEqual(guardUrl('https://Example.COM/a b?q=1#x'), {
      href: 'https://example.com/a%20b?q=1#x',
      host: 'example.com',
      scheme: 'https',
      lookalike: false,
    });
    assert.deepEqual(guardUrl('  HTTP://example.org:8080  '), {
      href: 'http://example.org:8080/',
      host: 'example.org',
      scheme: 'http',
      lookalike: false,
    });
    assert.deepEqual(guardUrl('mailto:Sara@Example.com?subject=hi'), {
      href: 'mailto:Sara@Example.com?subject=hi',
      host: 'example.com',
      scheme: 'mailto',
      lookalike: false,
    });
    assert.equal(link('https://münchen.de/').host, 'xn--mnchen-3ya.de');
    assert.equal(link('http://0x7f.1/').host, '127.0.0.1');
    assert.equal(link('http://[::1]:3000/x').host, '[::1]');
  });

  it('refuses dangerous, obfuscated, relative and malformed URLs (attack corpus)', () => {
    const refused = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      '  javascript:alert(1)',
      '\u0001javascript:alert(1)',
      '\u200Bjavascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      'java\u0000script:alert(1)',
      'javascript&colon;alert(1)',
      '&#106;avascript:alert(1)',
      '&#x6A;avascript:alert(1)',
      'javascript%3Aalert(1)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'ftp://example.com/',
      'blob:https://example.com/uuid',
      '/relative/path',
      'relative/path',
      '?q=1',
      '#top',
      '//evil.example/',
      '\\\\evil.example\\share',
      'https:evil.example',
      'https:/evil.example',
      'https:\\\\evil.example',
      'http://',
      'https://exa\u0000mple.com/',
      'https://example.com/\u202Egnp.exe',
      'https://example.com/a\tb',
      '',
      '   ',
      'mailto:',
      'mailto:nobody',
      'mailto:@example.com',
      'mailto:a@b.example,c@d.example',
      `https://example.com/${'a'.repeat(9000)}`,
    ];
    for (const raw of refused) assert.equal(guardUrl(raw), null, JSON.stringify(raw));
  });

  it('a javascript: link in Markdown never passes the guard', () => {
    const [paragraph] = parseMarkdown('[x](javascript:alert(1)) and [y](JaVaScRiPt:alert\\(1\\))');
    assert.ok(paragraph?.type === 'paragraph');
    const hrefs = paragraph.children.flatMap((node) => (node.type === 'link' ? [node.href] : []));
    assert.deepEqual(hrefs, ['javascript:alert(1)', 'JaVaScRiPt:alert(1)']);
    for (const href of hrefs) assert.equal(guardUrl(href), null);
  });

  it('flags userinfo, shows the real host and drops the credentials from the href', () => {
    const guarded = link('https://paypal.com@evil.example/login');
    assert.equal(guarded.host, 'evil.example');
    assert.equal(guarded.lookalike, true);
    assert.equal(guarded.href, 'https://evil.example/login');
    assert.equal(link('https://user:pass@example.com/').lookalike, true);
  });

  it('flags look-alike hosts: mixed scripts, whole-script confusables next to Latin, punycode, hidden characters', () => {
    const lookalikes = [
      'https://раураl.com', // Cyrillic р а у а у а with Latin l
      'https://аррӏе.com', // all Cyrillic, passes for “apple” under .com
      'https://paypal.соm', // Cyrillic TLD that passes for .com
      'https://gοοgle.com', // Greek omicrons
      'https://xn--80ak6aa92e.com', // punycode typed as such
      'https://XN--80AK6AA92E.com',
      'https://%D1%80aypal.com', // percent-encoded Cyrillic р
      'https://pay\u200Bpal.com', // zero width space, which IDNA would silently drop
      'mailto:security@раураl.com',
    ];
    for (const raw of lookalikes) assert.equal(link(raw).lookalike, true, raw);
  });

  it('does not flag honest internationalized hosts', () => {
    const honest = [
      'https://مثال.السعودية',
      'https://موقع.مصر/صفحة',
      'https://пример.рф',
      'https://münchen.de',
      'https://日本語.jp',
      'https://ドメイン名例.jp', // Katakana + Han: a normal Japanese mix
      'https://example.com',
      'https://sub-domain.example.co.uk/path',
      'mailto:info@مثال.السعودية',
    ];
    for (const raw of honest) assert.equal(link(raw).lookalike, false, raw);
  });

  it('shows Arabic and Cyrillic hosts as punycode', () => {
    assert.equal(link('https://مثال.السعودية').host, 'xn--mgbh0fb.xn--mgberp4a5d4ar');
    assert.equal(link('https://раураl.com').host, 'xn--l-7sba6dbr.com');
    assert.equal(link('mailto:info@مثال.السعودية').host, 'xn--mgbh0fb.xn--mgberp4a5d4ar');
  });
});

describe('linkMismatch', () => {
  const evil = link('https://evil.example/login');

  it('is true when the text names another domain', () => {
    for (const text of ['paypal.com', 'www.paypal.com/login', 'https://paypal.com', 'Log in at PayPal.com.', 'support@paypal.com',
      'https://paypal.com@evil.example', 'pay\u200Bpal.com', '192.168.0.1', '(see paypal.com)', 'بنك.السعودية']) {
      assert.equal(linkMismatch(text, evil), true, text);
    }
  });

  it('is false when the text names the same registrable domain, or no domain', () => {
    for (const text of ['evil.example', 'www.evil.example/other', 'https://EVIL.example', 'click here', 'اضغط هنا', 'report.pdf', 'index.html',
      'v1.2.3', '', 'paypal']) {
      assert.equal(linkMismatch(text, evil), false, text);
    }
  });

  it('knows common second-level suffixes', () => {
    const bbc = link('https://news.bbc.co.uk/world');
    assert.equal(linkMismatch('bbc.co.uk', bbc), false);
    assert.equal(linkMismatch('www.bbc.co.uk', bbc), false);
    assert.equal(linkMismatch('evil.co.uk', bbc), true);
    const souq = link('https://www.amazon.com.sa/deals');
    assert.equal(linkMismatch('amazon.com.sa', souq), false);
    assert.equal(linkMismatch('amazon.com', souq), true);
    const gov = link('https://u.ae');
    assert.equal(linkMismatch('moi.gov.ae', gov), true);
  });

  it('compares Unicode domains in the text with the ASCII host', () => {
    assert.equal(linkMismatch('مثال.السعودية', link('https://مثال.السعودية/x')), false);
    assert.equal(linkMismatch('раураl.com', link('https://раураl.com')), false);
    assert.equal(linkMismatch('раураl.com', link('https://paypal.com')), true);
  });

  it('works for mailto links', () => {
    assert.equal(linkMismatch('support@paypal.com', link('mailto:support@evil.example')), true);
    assert.equal(linkMismatch('write to us', link('mailto:support@evil.example')), false);
  });

  it('catches the classic phishing link in Markdown', () => {
    const blocks = parseMarkdown('[paypal.com](https://evil.example)');
    const paragraph = blocks[0];
    assert.ok(paragraph?.type === 'paragraph');
    const node = paragraph.children[0];
    assert.ok(node?.type === 'link');
    assert.equal(linkMismatch(plainText([{ type: 'paragraph', children: node.children }]), link(node.href)), true);
  });
});

describe('LINK_REL', () => {
  it('is the rel for every user link', () => {
    assert.equal(LINK_REL, 'nofollow ugc noopener noreferrer');
  });
});
