import { createContext } from '@lit/context';
import type { CommunityAdapter } from '../core/adapter.js';
import type { Member } from '../core/types.js';

export type Theme = 'light' | 'dark' | 'auto';

/** What <majlis-community> gives every element inside it. */
export interface Community {
  adapter: CommunityAdapter;
  /** The signed-in member; null for a guest; undefined while still being asked. */
  viewer: Member | null | undefined;
  theme: Theme;
  /** The site's community guidelines, linked from report dialogs. */
  guidelinesHref: string | null;
  /** True for the zero-config demo community (sample data in this browser). */
  demo: boolean;
  /** What "now" is for relative times ("3 hours ago"): the real time, or a fixed one in stories and tests. */
  now: () => number;
}

export const realTime = (): number => Date.now();

export const communityContext = createContext<Community>(Symbol.for('majlis-community'));
