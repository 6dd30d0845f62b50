import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define/badges.js';
import { inCommunity, storyAdapter, type StoryContextLike } from './support/community.js';

interface Args {
  member: string;
}

const meta: Meta<Args> = {
  title: 'Elements/Badges',
  component: 'majlis-badges',
  render: (args, context: StoryContextLike) => inCommunity(context, storyAdapter('member'), () => html`<majlis-badges member=${args.member}></majlis-badges>`),
  args: { member: 'sara' },
  argTypes: { member: { control: 'select', options: ['layla', 'omar', 'sara', 'yusuf', 'mei', 'daniel', 'nobody'] } },
};
export default meta;

type Story = StoryObj<Args>;

export const Member: Story = {};
export const Admin: Story = { args: { member: 'layla' } };
export const Arabic: Story = { globals: { locale: 'ar' } };
export const NotFound: Story = { args: { member: 'nobody' } };
