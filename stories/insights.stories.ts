import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { LocalAdapter } from '../src/adapters/local/local-adapter.js';
import { DEMO_MEMBERS } from '../src/adapters/local/seed.js';
import type { CommunityAdapter } from '../src/core/adapter.js';
import type { InsightsPeriod } from '../src/core/types.js';
import '../src/define/insights.js';
import { ManualClock } from '../src/engine/clock.js';
import { Engine } from '../src/engine/engine.js';
import { STORY_NOW, inCommunity, storyViewer, type StoryContextLike, type StoryViewer } from './support/community.js';
import { withFault, type Fault } from './support/faults.js';
import { busyCommunityAdapter } from './support/insights.js';

interface Args {
  viewer: StoryViewer;
  days: InsightsPeriod;
  thread: string;
  fault: 'none' | Fault;
  empty: boolean;
}

const adapterFor = async (args: Args): Promise<CommunityAdapter> => {
  // Empty: a fresh community where nothing has happened yet.
  const adapter = args.empty ? new LocalAdapter({ engine: new Engine({ clock: new ManualClock(STORY_NOW) }), viewer: DEMO_MEMBERS.omar }) : await busyCommunityAdapter(storyViewer(args.viewer));
  return args.fault === 'none' ? adapter : withFault(adapter, 'insights', 'report', args.fault);
};

const meta: Meta<Args> = {
  title: 'Elements/Insights',
  component: 'majlis-insights',
  render: (args, context: StoryContextLike) =>
    inCommunity(context, adapterFor(args), () => html`<majlis-insights days=${args.days} thread=${args.thread || nothing}></majlis-insights>`),
  args: { viewer: 'moderator', days: 30, thread: '', fault: 'none', empty: false },
  argTypes: {
    viewer: { control: 'inline-radio', options: ['guest', 'member', 'moderator', 'admin'] },
    days: { control: 'inline-radio', options: [7, 30, 90] },
    thread: { control: 'select', options: ['', 'welcome', 'book-club', 'مجلس-الأدب'] },
    fault: { control: 'select', options: ['none', 'loading', 'unavailable', 'rate_limited', 'forbidden'] },
  },
};
export default meta;

type Story = StoryObj<Args>;

export const LastThirtyDays: Story = { name: 'Last 30 days' };
export const LastSevenDays: Story = { name: 'Last 7 days', args: { days: 7 } };
export const LastNinetyDays: Story = { name: 'Last 90 days', args: { days: 90 } };
export const OneThread: Story = { name: 'One thread', args: { thread: 'book-club' } };
export const Admin: Story = { args: { viewer: 'admin' } };
export const Arabic: Story = { globals: { locale: 'ar' } };
export const Empty: Story = { name: 'Empty (nothing happened yet)', args: { empty: true } };
export const Loading: Story = { args: { fault: 'loading' }, parameters: { loading: true } };
export const Unavailable: Story = { name: 'Error (service unavailable)', args: { fault: 'unavailable' } };
export const RateLimited: Story = { name: 'Rate-limited', args: { fault: 'rate_limited' } };
export const Member: Story = { name: 'Member (not allowed)', args: { viewer: 'member' } };
export const Guest: Story = { args: { viewer: 'guest' } };
