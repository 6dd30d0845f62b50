import type { Poll } from '../core/types.js';

/** The viewer's vote was recorded. */
export class MajlisVoteEvent extends Event {
  static readonly eventName = 'majlis-vote' as const;
  readonly poll: Poll;

  constructor(poll: Poll) {
    super(MajlisVoteEvent.eventName, { bubbles: true, composed: true });
    this.poll = poll;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'majlis-vote': MajlisVoteEvent;
  }
}
