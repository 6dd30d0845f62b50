import { MessageSet } from '../../i18n/message-set.js';

const en = {
  unavailable: 'Count unavailable',
};
export type CommentCountWords = typeof en;

export const commentCountWords = new MessageSet<CommentCountWords>(en, { ar: () => import('./comment-count.messages.ar.js').then((m) => m.ar) });
