import { html, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { until } from 'lit/directives/until.js';
import type { CommunityAdapter } from '../../src/core/adapter.js';
import { LocalAdapter } from '../../src/adapters/local/local-adapter.js';
import { DEMO_MEMBERS, seedDemoCommunity, type DemoCommunity } from '../../src/adapters/local/seed.js';
import '../../src/define/community.js';
import { ManualClock } from '../../src/engine/clock.js';
import { Engine } from '../../src/engine/engine.js';
import type { Role, ViewerClaims } from '../../src/core/types.js';

/** Stories run on a fixed clock and seeded data, so they look the same on every run. */
export const STORY_NOW = Date.parse('2026-03-15T12:00:00Z');

let seeded: Promise<DemoCommunity> | undefined;
export const storyCommunity = () => (seeded ??= seedDemoCommunity({ now: STORY_NOW, clock: new ManualClock(STORY_NOW) }));

export type StoryViewer = 'guest' | 'member' | 'moderator' | 'admin';

const VIEWERS: Record<Exclude<StoryViewer, 'guest'>, ViewerClaims> = {
  member: DEMO_MEMBERS.sara,
  moderator: DEMO_MEMBERS.omar,
  admin: { ...DEMO_MEMBERS.layla, roles: ['admin'] as Role[] },
};

/** The claims of a story's viewer: null for a guest. */
export const storyViewer = (viewer: StoryViewer): ViewerClaims | null => (viewer === 'guest' ? null : VIEWERS[viewer]);

/** A LocalAdapter on the seeded story community, as the chosen viewer. */
export async function storyAdapter(viewer: StoryViewer = 'member'): Promise<LocalAdapter> {
  const { engine } = await storyCommunity();
  return new LocalAdapter({ engine, viewer: storyViewer(viewer) });
}

interface Globals {
  theme?: string;
  locale?: string;
  direction?: string;
}

/** The "brand" theme: a site's own look, made only of public tokens on a wrapper (light underneath). */
export const BRAND_TOKENS = {
  '--majlis-color-accent': '#0f766e',
  '--majlis-color-accent-soft': '#ccfbf1',
  '--majlis-color-focus': '#0f766e',
  '--majlis-radius': '14px',
  '--majlis-space': '0.55rem',
  '--majlis-font-family': "Georgia, 'Noto Serif', 'Noto Naskh Arabic', serif",
};

/** The provider's theme for a toolbar theme: the brand theme is light with tokens on top. */
const providerTheme = (theme: string | undefined) => (theme === 'brand' ? 'light' : (theme ?? 'light'));

/**
 * Every story renders inside a <majlis-community> with the toolbar's theme and locale, unless the
 * story sets `parameters.community = false` (to show the element without a provider).
 */
export const withCommunity = (story: () => unknown, context: { globals: Globals; parameters: { community?: boolean } }): TemplateResult => {
  const lang = context.globals.locale === 'ar' ? 'ar' : 'en';
  const chosenDir = context.globals.direction;
  const dir = chosenDir === 'ltr' || chosenDir === 'rtl' ? chosenDir : lang === 'ar' ? 'rtl' : 'ltr';
  const theme = context.globals.theme ?? 'light';
  document.documentElement.lang = lang;
  document.documentElement.dir = dir;
  document.body.dataset.majlisTheme = theme;
  // The page behind the story follows the theme, as a host site's page would.
  const dark = theme === 'dark' || (theme === 'auto' && matchMedia('(prefers-color-scheme: dark)').matches);
  const page = dark ? { background: '#0e1013', color: '#e8eaed', padding: '1rem' } : { background: '#ffffff', color: '#1b1f24', padding: '1rem', ...(theme === 'brand' && BRAND_TOKENS) };
  return html`<div lang=${lang} dir=${dir} class="story-frame" data-theme=${theme} style=${styleMap(page)}>${story()}</div>`;
};

export interface StoryContextLike {
  globals: Globals;
}

/** The story's content inside a provider with this adapter and the toolbar's theme. */
export function inCommunity(context: StoryContextLike, adapter: Promise<CommunityAdapter>, content: () => unknown, theme?: string): TemplateResult {
  const chosen = providerTheme(theme ?? context.globals.theme);
  return html`${until(adapter.then((a) => html`<majlis-community .adapter=${a} .now=${() => STORY_NOW} theme=${chosen}>${content()}</majlis-community>`))}`;
}

let longThread: Promise<Engine> | undefined;

/** A community with a 500-comment thread `long` (20 authors, some replies), on the story clock. */
export function longThreadAdapter(viewer: StoryViewer = 'member'): Promise<LocalAdapter> {
  longThread ??= (async () => {
    const clock = new ManualClock(STORY_NOW - 30 * 86_400_000);
    const engine = new Engine({ clock });
    const authors = Array.from({ length: 20 }, (_, i) => ({ id: `reader-${i}`, name: i % 3 === 0 ? `قارئ ${i}` : `Reader ${i}` }));
    let previous: string | null = null;
    for (let i = 0; i < 500; i++) {
      clock.advance(60_000);
      const parentId = i % 7 === 3 ? previous : null;
      const body = i % 5 === 0 ? `Comment **${i}** with a [link](https://example.com/${i}) and some more words to wrap across lines.` : `Comment ${i}.`;
      const posted = await engine.postComment(authors[i % 20]!, { thread: 'long', body, parentId }, `long-thread-key-${i}`);
      if (!parentId) previous = posted.id;
    }
    clock.set(STORY_NOW);
    return engine;
  })();
  return longThread.then((engine) => new LocalAdapter({ engine, viewer: viewer === 'guest' ? null : VIEWERS[viewer] }));
}
