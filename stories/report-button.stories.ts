import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { until } from 'lit/directives/until.js';
import '../src/define/report-button.js';
import { inCommunity, storyAdapter, storyCommunity, type StoryContextLike, type StoryViewer } from './support/community.js';

interface Args {
  viewer: StoryViewer;
}

const meta: Meta<Args> = {
  title: 'Elements/Report button',
  component: 'majlis-report-button',
  render: (args, context: StoryContextLike) =>
    html`${until(
      storyCommunity().then(({ comments }) =>
        inCommunity(context, storyAdapter(args.viewer), () => html`<p>A comment by Daniel · <majlis-report-button target="comment:${comments[7]}"></majlis-report-button></p>`),
      ),
    )}`,
  args: { viewer: 'member' },
  argTypes: { viewer: { control: 'inline-radio', options: ['guest', 'member', 'moderator', 'admin'] } },
};
export default meta;

type Story = StoryObj<Args>;

export const Member: Story = {};
export const Guest: Story = { args: { viewer: 'guest' } };
export const Arabic: Story = { globals: { locale: 'ar' } };
