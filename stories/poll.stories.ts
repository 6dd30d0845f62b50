import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { until } from 'lit/directives/until.js';
import '../src/define/poll.js';
import { inCommunity, storyAdapter, storyCommunity, type StoryContextLike, type StoryViewer } from './support/community.js';
import { withFault, type Fault } from './support/faults.js';

interface Args {
  viewer: StoryViewer;
  fault: 'none' | Fault;
  poll: string;
}

const render = (args: Args, context: StoryContextLike) =>
  html`${until(
    storyCommunity().then(({ pollId }) =>
      inCommunity(
        context,
        storyAdapter(args.viewer).then((adapter) => (args.fault === 'none' ? adapter : withFault(adapter, 'polls', 'get', args.fault))),
        () => html`<majlis-poll poll=${args.poll || pollId}></majlis-poll>`,
      ),
    ),
  )}`;

const meta: Meta<Args> = {
  title: 'Elements/Poll',
  component: 'majlis-poll',
  render,
  args: { viewer: 'admin', fault: 'none', poll: '' },
  argTypes: {
    viewer: { control: 'inline-radio', options: ['guest', 'member', 'moderator', 'admin'] },
    fault: { control: 'select', options: ['none', 'loading', 'unavailable', 'not_found'] },
  },
};
export default meta;

type Story = StoryObj<Args>;

export const Voting: Story = { name: 'Choosing (a moderator who has not voted)' };
export const Results: Story = { name: 'Results (member who voted)', args: { viewer: 'member' } };
export const Guest: Story = { args: { viewer: 'guest' } };
export const Arabic: Story = { args: { viewer: 'member' }, globals: { locale: 'ar' } };
export const Loading: Story = { args: { fault: 'loading' }, parameters: { loading: true } };
export const Unavailable: Story = { name: 'Error (service unavailable)', args: { fault: 'unavailable' } };
export const NotFound: Story = { args: { poll: 'no-such-poll' } };
