import { html, type TemplateResult } from 'lit';
import { LocalAdapter } from '../../src/adapters/local/local-adapter.js';
import { DEMO_MEMBERS, seedDemoCommunity, type DemoCommunity } from '../../src/adapters/local/seed.js';
import '../../src/define/community.js';
import { ManualClock } from '../../src/engine/clock.js';
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

/** A LocalAdapter on the seeded story community, as the chosen viewer. */
export async function storyAdapter(viewer: StoryViewer = 'member'): Promise<LocalAdapter> {
  const { engine } = await storyCommunity();
  return new LocalAdapter({ engine, viewer: viewer === 'guest' ? null : VIEWERS[viewer] });
}

interface Globals {
  theme?: string;
  locale?: string;
}

/**
 * Every story renders inside a <majlis-community> with the toolbar's theme and locale, unless the
 * story sets `parameters.community = false` (to show the element without a provider).
 */
export const withCommunity = (story: () => unknown, context: { globals: Globals; parameters: { community?: boolean } }): TemplateResult => {
  const lang = context.globals.locale === 'ar' ? 'ar' : 'en';
  const dir = lang === 'ar' ? 'rtl' : 'ltr';
  const theme = context.globals.theme ?? 'light';
  document.documentElement.lang = lang;
  document.documentElement.dir = dir;
  document.body.dataset.majlisTheme = theme;
  return html`<div lang=${lang} dir=${dir} class="story-frame" data-theme=${theme}>${story()}</div>`;
};
