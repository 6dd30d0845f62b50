import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define/member.js';
import { inCommunity, storyAdapter, type StoryContextLike } from './support/community.js';

interface Args {
  member: string;
  size: 'small' | 'medium' | 'large';
  compact: boolean;
}

const meta: Meta<Args> = {
  title: 'Elements/Member',
  component: 'majlis-member',
  render: (args, context: StoryContextLike) =>
    inCommunity(context, storyAdapter('guest'), () => html`<majlis-member member=${args.member} size=${args.size} ?compact=${args.compact}></majlis-member>`),
  args: { member: 'layla', size: 'medium', compact: false },
  argTypes: { size: { control: 'inline-radio', options: ['small', 'medium', 'large'] }, member: { control: 'select', options: ['layla', 'omar', 'sara', 'yusuf', 'mei', 'daniel', 'nobody'] } },
};
export default meta;

type Story = StoryObj<Args>;

export const Admin: Story = {};
export const Member: Story = { args: { member: 'sara' } };
export const ArabicName: Story = { args: { member: 'yusuf' }, globals: { locale: 'ar' } };
export const Compact: Story = { args: { member: 'mei', compact: true } };
export const Large: Story = { args: { member: 'omar', size: 'large' } };
export const NotFound: Story = { args: { member: 'nobody' } };
export const ManyChips: Story = {
  name: 'Many chips (one request)',
  render: (_args, context) =>
    inCommunity(context, storyAdapter('guest'), () => html`${['layla', 'omar', 'sara', 'yusuf', 'mei', 'daniel'].map((id) => html`<p><majlis-member member=${id}></majlis-member></p>`)}`),
};
