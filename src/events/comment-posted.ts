import type { Comment } from '../core/types.js';

/** A comment was posted by the viewer (a new comment or a reply). */
export class MajlisCommentPostedEvent extends Event {
  static readonly eventName = 'majlis-comment-posted' as const;
  readonly comment: Comment;

  constructor(comment: Comment) {
    super(MajlisCommentPostedEvent.eventName, { bubbles: true, composed: true });
    this.comment = comment;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'majlis-comment-posted': MajlisCommentPostedEvent;
  }
}
