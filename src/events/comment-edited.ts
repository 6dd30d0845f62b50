import type { Comment } from '../core/types.js';

/** The viewer edited their comment. */
export class MajlisCommentEditedEvent extends Event {
  static readonly eventName = 'majlis-comment-edited' as const;
  readonly comment: Comment;

  constructor(comment: Comment) {
    super(MajlisCommentEditedEvent.eventName, { bubbles: true, composed: true });
    this.comment = comment;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'majlis-comment-edited': MajlisCommentEditedEvent;
  }
}
