import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define/comment-count.js';
import { inCommunity, storyAdapter, type StoryContextLike } from './support/community.js';
import { withFault, type Fault } from './support/faults.js';

interface Args {
  thread: string;
  href: string;
  fault: 'none' | Fault;
}

const render = (args: Args, context: StoryContextLike) =>
  inCommunity(
    context,
    storyAdapter('member').then((adapter) => (args.fault === 'none' ? adapter : withFault(adapter, 'comments', 'count', args.fault))),
    () => html`<majlis-comment-count thread=${args.thread} href=${args.href || undefined}></majlis-comment-count>`,
  );

const meta: Meta<Args> = {
  title: 'Elements/Comment count',
  component: 'majlis-comment-count',
  render,
  args: { thread: 'welcome', href: '', fault: 'none' },
  argTypes: { fault: { control: 'select', options: ['none', 'loading', 'unavailable', 'rate_limited', 'forbidden'] } },
};
export default meta;

type Story = StoryObj<Args>;

export const Count: Story = {};
export const Linked: Story = { args: { href: '#comments' } };
export const Empty: Story = { args: { thread: 'a-thread-nobody-commented-on' } };
export const Loading: Story = { args: { fault: 'loading' }, parameters: { loading: true } };
export const Unavailable: Story = { name: 'Error (service unavailable)', args: { fault: 'unavailable' } };
export const RateLimited: Story = { args: { fault: 'rate_limited' } };

/** A list page: every count comes from one batched request. */
export const ListPage: Story = {
  render: (_args, context) =>
    inCommunity(
      context,
      storyAdapter('guest'),
      () => html`<ul>
        ${['welcome', 'archive-0', 'archive-1', 'archive-2', 'archive-3', 'empty'].map(
          (thread) => html`<li><a href="#${thread}">Post “${thread}”</a> · <majlis-comment-count thread=${thread} href="#${thread}-comments"></majlis-comment-count></li>`,
        )}
      </ul>`,
    ),
};
