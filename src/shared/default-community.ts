import { realTime, type Community } from './context.js';

let pending: Promise<Community> | undefined;
let warned = false;

/**
 * The community used when no <majlis-community> gives one: a LocalAdapter with a small seeded demo,
 * kept in this browser. Loaded on demand, so the engine never weighs on pages that configure a backend.
 */
export function defaultCommunity(reason: 'no-provider' | 'no-adapter'): Promise<Community> {
  if (!warned) {
    warned = true;
    console.warn(
      reason === 'no-provider'
        ? '[majlis] No <majlis-community> around this element: using a demo community with sample data kept in this browser. Wrap your elements in <majlis-community> and give it an adapter for real data.'
        : '[majlis] <majlis-community> has no adapter: using a demo community with sample data kept in this browser. Set its `adapter` property for real data.',
    );
  }
  pending ??= import('../adapters/local/demo.js').then(async ({ demoAdapter }) => {
    const adapter = await demoAdapter();
    return { adapter, viewer: await adapter.session.viewer(), theme: 'light', guidelinesHref: null, demo: true, now: realTime } satisfies Community;
  });
  return pending;
}
