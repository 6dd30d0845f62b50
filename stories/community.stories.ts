import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { Theme } from '../src/shared/context.js';
import { inCommunity, storyAdapter, type StoryContextLike, type StoryViewer } from './support/community.js';
import './support/context-inspector.js';

interface Args {
  viewer: StoryViewer;
  theme: Theme;
  'guidelines-href': string;
}

const render = (args: Args, context: StoryContextLike) =>
  inCommunity(
    context,
    storyAdapter(args.viewer),
    () => html`<majlis-community guidelines-href=${args['guidelines-href']}><majlis-story-context></majlis-story-context></majlis-community>`,
    context.globals.theme && context.globals.theme !== 'light' ? context.globals.theme : args.theme,
  );

const meta: Meta<Args> = {
  title: 'Elements/Community (provider)',
  component: 'majlis-community',
  render,
  args: { viewer: 'member', theme: 'light', 'guidelines-href': 'https://example.com/guidelines' },
  argTypes: { viewer: { control: 'inline-radio', options: ['guest', 'member', 'moderator', 'admin'] } },
};
export default meta;

type Story = StoryObj<Args>;

export const Member: Story = {};
export const Guest: Story = { args: { viewer: 'guest' } };
export const Moderator: Story = { args: { viewer: 'moderator' } };
export const Dark: Story = { args: { theme: 'dark' } };
export const Arabic: Story = { globals: { locale: 'ar' } };
export const DemoFallback: Story = {
  name: 'Demo fallback (no adapter)',
  render: () => html`<majlis-community><majlis-story-context></majlis-story-context></majlis-community>`,
};
