import { MessageSet } from '../../i18n/message-set.js';

const en = {
  label: 'Write a comment',
  replyLabel: 'Reply to {name}',
  editLabel: 'Edit your comment',
  placeholder: 'Share your thoughts…',
  send: 'Post',
  sendReply: 'Reply',
  save: 'Save',
  cancel: 'Cancel',
  sending: 'Posting…',
  write: 'Write',
  preview: 'Preview',
  previewEmpty: 'Nothing to preview yet.',
  hints: '**bold**, *italic*, `code`, [link](https://…), > quote, - list, @name. Ctrl+Enter to send.',
  counter: '{n} / {max}',
  tooLong: '{n} characters over the limit.',
  draftKept: 'Your draft is kept on this device until it is posted.',
  posted: 'Your comment was posted.',
  mentionSuggestions: 'People in this thread',
};
export type ComposerWords = typeof en;

export const composerWords = new MessageSet<ComposerWords>(en, { ar: () => import('./composer.messages.ar.js').then((m) => m.ar) });
