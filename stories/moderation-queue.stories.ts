import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { LocalAdapter } from '../src/adapters/local/local-adapter.js';
import { DEMO_MEMBERS } from '../src/adapters/local/seed.js';
import type { CommunityAdapter } from '../src/core/adapter.js';
import '../src/define/moderation-queue.js';
import type { QueueTab } from '../src/components/moderation-queue/moderation-queue.js';
import { Engine } from '../src/engine/engine.js';
import { inCommunity, storyAdapter, type StoryContextLike, type StoryViewer } from './support/community.js';
import { withFault, type Fault } from './support/faults.js';

interface Args {
  viewer: StoryViewer;
  tab: QueueTab;
  fault: 'none' | Fault;
  empty: boolean;
}

const adapterFor = async (args: Args): Promise<CommunityAdapter> => {
  // An empty queue: a fresh community with nothing reported.
  const adapter = args.empty ? new LocalAdapter({ engine: new Engine(), viewer: DEMO_MEMBERS.omar }) : await storyAdapter(args.viewer);
  return args.fault === 'none' ? adapter : withFault(adapter, 'moderation', 'queue', args.fault);
};

const meta: Meta<Args> = {
  title: 'Elements/Moderation queue',
  component: 'majlis-moderation-queue',
  render: (args, context: StoryContextLike) =>
    inCommunity(context, adapterFor(args), () => html`<majlis-moderation-queue tab=${args.tab}></majlis-moderation-queue>`),
  args: { viewer: 'moderator', tab: 'reported', fault: 'none', empty: false },
  argTypes: {
    viewer: { control: 'inline-radio', options: ['guest', 'member', 'moderator', 'admin'] },
    tab: { control: 'inline-radio', options: ['reported', 'pending', 'decided'] },
    fault: { control: 'select', options: ['none', 'loading', 'unavailable', 'rate_limited', 'forbidden'] },
  },
};
export default meta;

type Story = StoryObj<Args>;

export const Reported: Story = {};
export const Pending: Story = { args: { tab: 'pending' } };
export const Decided: Story = { name: 'Decided (audit log)', args: { tab: 'decided' } };
export const Admin: Story = { args: { viewer: 'admin' } };
export const Arabic: Story = { globals: { locale: 'ar' } };
export const Empty: Story = { args: { empty: true } };
export const Loading: Story = { args: { fault: 'loading' }, parameters: { loading: true } };
export const Unavailable: Story = { name: 'Error (service unavailable)', args: { fault: 'unavailable' } };
export const RateLimited: Story = { name: 'Rate-limited', args: { fault: 'rate_limited' } };
export const Member: Story = { name: 'Member (not allowed)', args: { viewer: 'member' } };
export const Guest: Story = { args: { viewer: 'guest' } };
