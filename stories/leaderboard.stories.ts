import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { LocalAdapter } from '../src/adapters/local/local-adapter.js';
import type { LeaderboardPeriod } from '../src/core/types.js';
import '../src/define/leaderboard.js';
import { ManualClock } from '../src/engine/clock.js';
import { Engine } from '../src/engine/engine.js';
import { STORY_NOW, inCommunity, storyAdapter, type StoryContextLike, type StoryViewer } from './support/community.js';

interface Args {
  period: LeaderboardPeriod;
  limit: number;
  viewer: StoryViewer;
}

let hundred: Promise<Engine> | undefined;
/** 100 members with different points this week, for a long board. */
function hundredMembers(): Promise<LocalAdapter> {
  hundred ??= (async () => {
    const clock = new ManualClock(STORY_NOW - 2 * 86_400_000);
    const engine = new Engine({ clock });
    for (let i = 0; i < 100; i++) {
      const who = { id: `m${i}`, name: i % 4 === 0 ? `عضو ${i}` : `Member ${i}` };
      for (let j = 0; j < (i % 7) + 1; j++) {
        await engine.postComment(who, { thread: 'board', body: `${i}-${j}` }, `board-${i}-${j}-key`);
        clock.advance(4000);
      }
    }
    return engine;
  })();
  return hundred.then((engine) => new LocalAdapter({ engine, viewer: { id: 'm50', name: 'Member 50' } }));
}

const meta: Meta<Args> = {
  title: 'Elements/Leaderboard',
  component: 'majlis-leaderboard',
  render: (args, context: StoryContextLike) =>
    inCommunity(context, storyAdapter(args.viewer), () => html`<majlis-leaderboard period=${args.period} limit=${args.limit}></majlis-leaderboard>`),
  args: { period: 'all', limit: 10, viewer: 'member' },
  argTypes: { period: { control: 'inline-radio', options: ['week', 'month', 'all'] }, viewer: { control: 'inline-radio', options: ['guest', 'member', 'moderator', 'admin'] } },
};
export default meta;

type Story = StoryObj<Args>;

export const AllTime: Story = {};
export const ThisWeek: Story = { name: 'This week (empty in the seed)', args: { period: 'week' } };
export const ViewerOutsideTop: Story = { args: { limit: 3, viewer: 'member' } };
export const Arabic: Story = { globals: { locale: 'ar' } };
export const HundredMembers: Story = {
  name: '100 members',
  render: (_args, context) => inCommunity(context, hundredMembers(), () => html`<majlis-leaderboard period="week" limit="100"></majlis-leaderboard>`),
};
