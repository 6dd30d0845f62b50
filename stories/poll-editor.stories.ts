import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define/poll-editor.js';
import '../src/define/poll.js';
import { inCommunity, storyAdapter, type StoryContextLike, type StoryViewer } from './support/community.js';

interface Args {
  viewer: StoryViewer;
}

const meta: Meta<Args> = {
  title: 'Elements/Poll editor',
  component: 'majlis-poll-editor',
  render: (args, context: StoryContextLike) =>
    inCommunity(
      context,
      storyAdapter(args.viewer),
      () => html`<majlis-poll-editor
        @majlis-poll-created=${(e: Event & { pollId?: string }) => {
          const preview = document.createElement('majlis-poll');
          preview.setAttribute('poll', e.pollId ?? '');
          (e.target as Element).after(preview);
        }}
      ></majlis-poll-editor>`,
    ),
  args: { viewer: 'moderator' },
  argTypes: { viewer: { control: 'inline-radio', options: ['guest', 'member', 'moderator', 'admin'] } },
};
export default meta;

type Story = StoryObj<Args>;

export const Moderator: Story = {};
export const Arabic: Story = { globals: { locale: 'ar' } };
export const NotAllowed: Story = { name: 'Member (not allowed)', args: { viewer: 'member' } };
