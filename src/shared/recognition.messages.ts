import { MessageSet } from '../i18n/message-set.js';
import type { PluralForms } from '../i18n/messages.js';
import { neutralizeText } from './text.js';

/** Words of member chips, badges and the leaderboard (shared: they show the same badges). */
const en = {
  badgeNames: {
    'first-comment': 'First comment',
    commenter: 'Commenter',
    appreciated: 'Appreciated',
    voter: 'Voter',
    guardian: 'Guardian',
    featured: 'Featured',
    moderator: 'Moderator',
    admin: 'Admin',
  } as Record<string, string>,
  badgeHow: {
    'first-comment': 'Posted a first comment.',
    commenter: 'Comments posted.',
    appreciated: 'Reactions received from others.',
    voter: 'Polls voted in.',
    guardian: 'Reports the moderators upheld.',
    featured: 'Had a comment featured by the moderators.',
    moderator: 'Moderates this community.',
    admin: 'Runs this community.',
  } as Record<string, string>,
  progress: '{n} of {total}',
  earned: 'Earned {date}',
  notYet: 'Not earned yet',
  nextTier: 'Next: {tier} at {total}',
  topBadge: 'Top badge: {badge}',
  joined: 'Joined {date}',
  memberNotFound: 'This member could not be found.',
  badges: { zero: 'No badges yet', one: '{n} badge', other: '{n} badges' } as PluralForms,
  youEarned: 'You earned {badge} ({tier})!',
  leaderboard: 'Leaderboard',
  periodWeek: 'This week',
  periodMonth: 'This month',
  periodAll: 'All time',
  period: 'Period',
  rank: 'Rank',
  member: 'Member',
  points: 'Points',
  change: 'Change',
  you: 'You',
  up: { one: 'up {n} place', other: 'up {n} places' } as PluralForms,
  down: { one: 'down {n} place', other: 'down {n} places' } as PluralForms,
  same: 'no change',
  new: 'new',
  emptyBoard: 'No points yet in this period. Comment, react and vote to get on the board!',
  ordinal: { one: '{n}st', two: '{n}nd', few: '{n}rd', other: '{n}th' } as PluralForms,
  youAreNow: 'You are now {rank}.',
  outsideTop: 'Your place',
};
export type RecognitionWords = typeof en;

export const recognitionWords = new MessageSet<RecognitionWords>(en, { ar: () => import('./recognition.messages.ar.js').then((m) => m.ar) });

/**
 * A badge's name and how it is earned, by id. Badge ids come from the backend: only the words' own
 * keys count (never `constructor` from Object.prototype), and an unknown id is shown as neutralized text.
 */
export const badgeName = (words: RecognitionWords, id: string): string => (Object.hasOwn(words.badgeNames, id) ? words.badgeNames[id]! : neutralizeText(id));
export const badgeHow = (words: RecognitionWords, id: string): string => (Object.hasOwn(words.badgeHow, id) ? words.badgeHow[id]! : '');
