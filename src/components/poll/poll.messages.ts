import { MessageSet } from '../../i18n/message-set.js';
import type { PluralForms } from '../../i18n/messages.js';

const en = {
  vote: 'Vote',
  changeVote: 'Change vote',
  voting: 'Saving your vote…',
  voted: 'Your vote was recorded.',
  yourChoice: 'your choice',
  chooseOne: 'Choose one option.',
  chooseRange: 'Choose {min} to {max} options.',
  chooseExactly: { one: 'Choose {n} option.', other: 'Choose {n} options.' } as PluralForms,
  voters: { zero: 'No votes yet', one: '{n} voter', other: '{n} voters' } as PluralForms,
  votes: { one: '{n} vote', other: '{n} votes' } as PluralForms,
  closes: 'Closes {when}',
  closed: 'This poll is closed.',
  closeNow: 'Close poll',
  resultsAfterVote: 'Results appear after you vote.',
  resultsAfterClose: 'Results appear when the poll closes.',
  resultsModerators: 'Results are visible to moderators only.',
  signInToVote: 'Sign in to vote',
  notFound: 'This poll does not exist or was removed.',
};
export type PollWords = typeof en;

export const pollWords = new MessageSet<PollWords>(en, { ar: () => import('./poll.messages.ar.js').then((m) => m.ar) });
