import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { CommentSort } from '../src/core/types.js';
import '../src/define/comments.js';
import { inCommunity, longThreadAdapter, storyAdapter, type StoryContextLike, type StoryViewer } from './support/community.js';
import { withFault, type Fault } from './support/faults.js';

interface Args {
  thread: string;
  sort: CommentSort;
  'page-size': number;
  'max-depth': number;
  reactions: string;
  'featured-first': boolean;
  readonly: boolean;
  viewer: StoryViewer;
  fault: 'none' | Fault;
}

const thread = (args: Args) => html`<majlis-comments
  thread=${args.thread}
  sort=${args.sort}
  page-size=${args['page-size']}
  max-depth=${args['max-depth']}
  reactions=${args.reactions}
  ?featured-first=${args['featured-first']}
  ?readonly=${args.readonly}
></majlis-comments>`;

const render = (args: Args, context: StoryContextLike) =>
  inCommunity(
    context,
    storyAdapter(args.viewer).then((adapter) => (args.fault === 'none' ? adapter : withFault(adapter, 'comments', 'list', args.fault))),
    () => thread(args),
  );

const meta: Meta<Args> = {
  title: 'Elements/Comments',
  component: 'majlis-comments',
  render,
  args: { thread: 'welcome', sort: 'oldest', 'page-size': 20, 'max-depth': 3, reactions: '👍,❤️,😂,🎉,🤔', 'featured-first': false, readonly: false, viewer: 'member', fault: 'none' },
  argTypes: {
    sort: { control: 'inline-radio', options: ['oldest', 'newest', 'top'] },
    viewer: { control: 'inline-radio', options: ['guest', 'member', 'moderator', 'admin'] },
    fault: { control: 'select', options: ['none', 'loading', 'unavailable', 'rate_limited', 'forbidden'] },
  },
};
export default meta;

type Story = StoryObj<Args>;

export const Thread: Story = {};
export const Guest: Story = { args: { viewer: 'guest' } };
export const Moderator: Story = { args: { viewer: 'moderator', 'featured-first': true } };
export const NewestFirst: Story = { args: { sort: 'newest' } };
export const FlatReplies: Story = { name: 'Replies flattened (max-depth 1)', args: { 'max-depth': 1 } };
export const Empty: Story = { args: { thread: 'a-new-post' } };
export const ReadOnly: Story = { args: { readonly: true } };
export const Loading: Story = { args: { fault: 'loading' }, parameters: { loading: true } };
export const Unavailable: Story = { name: 'Error (service unavailable)', args: { fault: 'unavailable' } };
export const RateLimited: Story = { args: { fault: 'rate_limited' } };
export const Arabic: Story = { globals: { locale: 'ar' } };
export const LongThread: Story = {
  name: '500-comment thread',
  render: (args, context) => inCommunity(context, longThreadAdapter(args.viewer), () => thread({ ...args, thread: 'long' })),
};
export const Phone: Story = { name: 'Phone width', globals: { viewport: { value: 'phone', isRotated: false } } };
export const Compact: Story = {
  name: 'Compact density, brand accent',
  // A brand accent needs a value per theme to keep its contrast (4.5:1 on the surfaces).
  render: (args, context) =>
    html`<div style="--majlis-comments-density: 0.75; --majlis-radius: 2px; --majlis-color-accent: ${context.globals.theme === 'dark' ? '#d7a6ef' : '#7a1fa2'}">${render(args, context)}</div>`,
};
