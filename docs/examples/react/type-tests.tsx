// Type-checked by `npm run examples` (tsc --noEmit), never bundled: the JSX types must refuse these.
import type {} from 'majlis/jsx';

export const accepted = (
  <>
    <majlis-poll poll="x" />
    <majlis-leaderboard period="month" limit={5} />
    <majlis-community theme="dark" no-demo className="site" class="site" lang="ar" dir="rtl" />
  </>
);

export const refused = (
  <>
    {/* @ts-expect-error: `pol` is not an attribute of <majlis-poll> */}
    <majlis-poll pol="x" />
    {/* @ts-expect-error: `sideways` is not a sort order */}
    <majlis-comments thread="t" sort="sideways" />
    {/* @ts-expect-error: `theme` takes light, dark or auto */}
    <majlis-community theme="blue" />
    {/* @ts-expect-error: `limit` is a number */}
    <majlis-leaderboard limit={{ top: 5 }} />
    {/* @ts-expect-error: the adapter must be a CommunityAdapter */}
    <majlis-community adapter="local" />
  </>
);
