import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dark, light, type Palette } from '../../src/styles/palette.js';

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const TEXT_ON: (keyof Palette)[] = ['surface', 'raised', 'accent-soft'];
const TEXTS: (keyof Palette)[] = ['text', 'muted', 'accent', 'danger', 'success', 'warning'];

for (const [name, palette] of [['light', light], ['dark', dark]] as const) {
  describe(`the ${name} theme meets WCAG 2.2 AA`, () => {
    for (const fg of TEXTS) {
      for (const bg of TEXT_ON) {
        it(`${fg} text on ${bg} is at least 4.5:1`, () => {
          const ratio = contrast(palette[fg], palette[bg]);
          assert.ok(ratio >= 4.5, `${fg} ${palette[fg]} on ${bg} ${palette[bg]}: ${ratio.toFixed(2)}:1`);
        });
      }
    }
    it('text on accent buttons is at least 4.5:1', () => {
      assert.ok(contrast(palette['on-accent'], palette.accent) >= 4.5);
    });
    it('borders and the focus ring stand out at least 3:1 from the surface', () => {
      assert.ok(contrast(palette.border, palette.surface) >= 3);
      assert.ok(contrast(palette.focus, palette.surface) >= 3);
      assert.ok(contrast(palette.focus, palette.raised) >= 3);
    });
  });
}

describe('the contrast check itself', () => {
  it('knows black on white is 21:1 and grey #777 on white fails AA', () => {
    assert.equal(Math.round(contrast('#000000', '#ffffff')), 21);
    assert.ok(contrast('#777777', '#ffffff') < 4.5);
  });
});
