import type { Comment } from '../core/types.js';

/** The viewer deleted their comment. */
export class MajlisCommentDeletedEvent extends Event {
  static readonly eventName = 'majlis-comment-deleted' as const;
  readonly comment: Comment;

  constructor(comment: Comment) {
    super(MajlisCommentDeletedEvent.eventName, { bubbles: true, composed: true });
    this.comment = comment;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'majlis-comment-deleted': MajlisCommentDeletedEvent;
  }
}
