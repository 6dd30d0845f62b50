import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AdapterError } from '../../src/core/errors.js';
import { ar } from '../../src/i18n/ar.js';
import { en } from '../../src/i18n/en.js';
import { Localizer, messagesFor, messagesReady, registerMessages } from '../../src/i18n/localizer.js';
import type { Messages, PluralForms } from '../../src/i18n/messages.js';

registerMessages(ar);

describe('Localizer', () => {
  it('uses all six Arabic plural forms', () => {
    const l = new Localizer('ar');
    const n = (x: number) => new Intl.NumberFormat('ar').format(x);
    assert.deepEqual(
      [0, 1, 2, 5, 11, 100].map((count) => l.plural('comments', count)),
      ['لا تعليقات', 'تعليق واحد', 'تعليقان', `${n(5)} تعليقات`, `${n(11)} تعليقًا`, `${n(100)} تعليق`],
    );
  });

  it('uses English one/other, and an explicit zero form for 0', () => {
    const l = new Localizer('en-GB');
    assert.deepEqual([0, 1, 2, 1000].map((count) => l.plural('comments', count)), ['No comments', '1 comment', '2 comments', '1,000 comments']);
  });

  it('falls back from a regional tag to its language, and from an unknown language to English', () => {
    assert.equal(messagesFor('ar-EG').$code, 'ar');
    assert.equal(messagesFor('xx').$code, 'en');
    assert.equal(new Localizer('not a tag!!').lang, 'en');
  });

  it('formats relative times in the language', () => {
    const now = Date.parse('2026-03-15T12:00:00Z');
    assert.equal(new Localizer('en').relativeTime('2026-03-15T09:00:00Z', now), '3 hours ago');
    assert.equal(new Localizer('en').relativeTime('2026-03-14T12:00:00Z', now), 'yesterday');
    assert.match(new Localizer('ar').relativeTime('2026-03-15T09:00:00Z', now), /ساعات|ساعة/);
  });

  it('maps every error code to words that say what happened and what to do', () => {
    const l = new Localizer('en');
    for (const code of ['unauthorized', 'forbidden', 'not_found', 'conflict', 'invalid', 'rate_limited', 'unavailable'] as const) {
      const { message } = l.error(new AdapterError(code, 'developer text'));
      assert.ok(message.length > 10 && !message.includes('developer text'), code);
    }
    assert.equal(l.error(new AdapterError('rate_limited', 'x', { retryAfter: 5 })).message, 'Too many requests. Try again in 5 seconds.');
    assert.equal(l.error(new AdapterError('conflict', 'x', { reason: 'duplicate' })).message, en.reasons.duplicate);
    assert.equal(l.error(new Error('boom')).code, 'unknown');
  });

  it('English is always ready; a registered catalogue is ready', () => {
    assert.equal(messagesReady('en-US'), true);
    assert.equal(messagesReady('ar'), true);
  });
});

describe('the catalogues', () => {
  const keys = (m: object, prefix = ''): string[] =>
    Object.entries(m).flatMap(([k, v]) => (v && typeof v === 'object' && !('other' in v) ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));

  it('Arabic has every message English has', () => {
    assert.deepEqual(keys(ar).sort(), keys(en).sort());
  });

  it('every Arabic plural has all six forms', () => {
    const plurals = Object.entries(ar).filter(([, v]) => v && typeof v === 'object' && 'other' in v) as [keyof Messages, PluralForms][];
    assert.ok(plurals.length >= 4);
    for (const [key, forms] of plurals) for (const form of ['zero', 'one', 'two', 'few', 'many', 'other'] as const) assert.ok(forms[form], `${key}.${form}`);
  });
});
