import type { Poll } from '../core/types.js';

/** A moderator created a poll; embed it anywhere with `<majlis-poll poll="${event.pollId}">`. */
export class MajlisPollCreatedEvent extends Event {
  static readonly eventName = 'majlis-poll-created' as const;
  readonly pollId: string;
  readonly poll: Poll;

  constructor(poll: Poll) {
    super(MajlisPollCreatedEvent.eventName, { bubbles: true, composed: true });
    this.poll = poll;
    this.pollId = poll.id;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'majlis-poll-created': MajlisPollCreatedEvent;
  }
}
