import { MessageSet } from '../../i18n/message-set.js';
import type { PluralForms } from '../../i18n/messages.js';

const en = {
  label: 'Comments',
  sortLabel: 'Sort comments',
  sortOldest: 'Oldest first',
  sortNewest: 'Newest first',
  sortTop: 'Most reactions',
  loadMore: 'Load more comments',
  showReplies: { one: 'Show {n} reply', other: 'Show {n} replies' } as PluralForms,
  moreReplies: 'Load more replies',
  emptyInvitation: 'No comments yet. Start the conversation!',
  edited: 'edited',
  featured: 'Featured',
  deleted: 'This comment was deleted.',
  removed: 'This comment was removed by a moderator.',
  pending: 'Awaiting review: only you can see this comment.',
  hidden: 'Hidden while moderators review reports. Only you can see it.',
  replyingTo: 'Replying to {name}',
  unknownMember: 'Former member',
  reply: 'Reply',
  report: 'Report',
  react: 'React with {emoji}',
  reactionCount: { one: '{emoji} {n} reaction', other: '{emoji} {n} reactions' } as PluralForms,
  newComments: { one: 'Show {n} new comment', other: 'Show {n} new comments' } as PluralForms,
  readonly: 'Comments are closed.',
  reactionFailed: 'Your reaction could not be saved. It was undone.',
  edit: 'Edit',
  delete: 'Delete',
  confirmDelete: 'Delete this comment?',
  confirm: 'Yes, delete',
  keep: 'Keep it',
  deletedDone: 'Your comment was deleted.',
  postedDone: 'Your comment was posted.',
  history: 'Edit history',
  historyEntry: 'Before {time}:',
  feature: 'Feature',
  unfeature: 'Unfeature',
  signInToComment: 'Sign in to comment',
};
export type CommentsWords = typeof en;

export const commentsWords = new MessageSet<CommentsWords>(en, { ar: () => import('./comments.messages.ar.js').then((m) => m.ar) });
