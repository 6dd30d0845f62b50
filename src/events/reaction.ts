import type { Id } from '../core/types.js';

/** The viewer's reaction on a comment was saved (turned on or off). */
export class MajlisReactionEvent extends Event {
  static readonly eventName = 'majlis-reaction' as const;
  readonly commentId: Id;
  readonly emoji: string;
  readonly on: boolean;

  constructor(commentId: Id, emoji: string, on: boolean) {
    super(MajlisReactionEvent.eventName, { bubbles: true, composed: true });
    this.commentId = commentId;
    this.emoji = emoji;
    this.on = on;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'majlis-reaction': MajlisReactionEvent;
  }
}
