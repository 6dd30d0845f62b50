import type { CommentCountWords } from './comment-count.messages.js';

export const ar: CommentCountWords = {
  unavailable: 'العدد غير متاح',
};
