import { MessageSet } from '../../i18n/message-set.js';

const en = {
  title: 'New poll',
  question: 'Question',
  options: 'Options',
  option: 'Option {n}',
  addOption: 'Add an option',
  remove: 'Remove option {n}',
  moveUp: 'Move option {n} up',
  moveDown: 'Move option {n} down',
  kind: 'Kind',
  single: 'Single choice',
  multiple: 'Multiple choice',
  min: 'At least',
  max: 'At most',
  results: 'Who sees results',
  resultsAlways: 'Everyone, always',
  resultsAfterVote: 'Voters, after voting',
  resultsAfterClose: 'Everyone, after the poll closes',
  resultsModerators: 'Moderators only',
  closesAt: 'Closes at (optional)',
  allowChange: 'Voters may change their vote',
  allowAnonymous: 'Guests may vote without signing in (one vote per browser)',
  create: 'Create poll',
  creating: 'Creating…',
  created: 'Poll created.',
  needQuestion: 'Write the question.',
  needOptions: 'A poll needs 2 to 20 options, none empty.',
  duplicate: 'Option {n} repeats another option.',
  range: 'Choose numbers with 1 ≤ at least ≤ at most ≤ the number of options.',
  past: 'The close date must be in the future.',
  notAllowed: 'Only moderators and admins can create polls.',
};
export type PollEditorWords = typeof en;

export const pollEditorWords = new MessageSet<PollEditorWords>(en, { ar: () => import('./poll-editor.messages.ar.js').then((m) => m.ar) });
