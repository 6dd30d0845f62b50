import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { render } from 'lit';
import { withCommunity } from '../../stories/support/community.js';
// Served by the test runner: every module under stories/.
// @ts-expect-error a virtual module
import storyModules from '/__stories__.js';

interface StoryModule {
  default: { title: string; render?: (args: Record<string, unknown>, context: unknown) => unknown; args?: Record<string, unknown> };
  [name: string]: unknown;
}
interface StoryObject {
  name?: string;
  /** `loading: true` marks a story that stays in its loading state on purpose. */
  parameters?: { loading?: boolean };
  args?: Record<string, unknown>;
  globals?: Record<string, string>;
  render?: (args: Record<string, unknown>, context: unknown) => unknown;
}

const VARIANTS = [
  { theme: 'light', locale: 'en' },
  { theme: 'dark', locale: 'ar' },
] as const;

const majlisElements = (root: Element) => [...root.querySelectorAll('*')].filter((el) => el.tagName.startsWith('MAJLIS-')) as (Element & { updateComplete?: Promise<unknown> })[];

/** Waits until the story's Majlis elements exist, have rendered, and none is still loading. */
async function settled(root: Element) {
  await waitUntil(() => majlisElements(root).length > 0, 'the story rendered its elements');
  await Promise.all(majlisElements(root).map((el) => el.updateComplete));
  await waitUntil(
    () => {
      const elements = [...root.querySelectorAll('*')].filter((el) => el.tagName.startsWith('MAJLIS-'));
      return elements.length > 0 && elements.every((el) => !el.matches(':state(loading)'));
    },
    'the story’s elements finished loading',
    { timeout: 4000 },
  );
}

describe('every story renders, in light/LTR and dark/Arabic RTL, without errors and accessibly', () => {
  for (const [file, module] of Object.entries(storyModules as Record<string, StoryModule>)) {
    const meta = module.default;
    for (const [exportName, value] of Object.entries(module)) {
      if (exportName === 'default' || typeof value !== 'object' || value === null) continue;
      const story = value as StoryObject;
      for (const variant of VARIANTS) {
        it(`${file} › ${story.name ?? exportName} (${variant.theme}, ${variant.locale})`, async () => {
          const errors: unknown[] = [];
          const onError = (event: ErrorEvent) => errors.push(event.error ?? event.message);
          const consoleError = console.error;
          console.error = (...args: unknown[]) => errors.push(args);
          window.addEventListener('error', onError);
          try {
            const args = { ...meta.args, ...story.args };
            const globals = { ...variant, ...story.globals };
            const context = { args, globals, parameters: {} };
            const storyRender = story.render ?? meta.render!;
            const host = await fixture<HTMLElement>(html`<div></div>`);
            render(withCommunity(() => storyRender(args, context), context) as never, host);
            if (story.parameters?.loading) await waitUntil(() => host.querySelector('*'), 'the story rendered');
            else await settled(host);
            expect(errors, 'no errors while rendering').to.deep.equal([]);
            await expect(host).to.be.accessible();
            expect(errors, 'no errors after rendering').to.deep.equal([]);
          } finally {
            window.removeEventListener('error', onError);
            console.error = consoleError;
          }
        });
      }
    }
  }
});
