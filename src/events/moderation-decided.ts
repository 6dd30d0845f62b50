import type { ModerationDecision } from '../core/types.js';

/** A moderator's decision was saved (after its undo time ran out). `event.decision` says what was done to which target. */
export class MajlisModerationDecidedEvent extends Event {
  static readonly eventName = 'majlis-moderation-decided' as const;
  readonly decision: ModerationDecision;

  constructor(decision: ModerationDecision) {
    super(MajlisModerationDecidedEvent.eventName, { bubbles: true, composed: true });
    this.decision = decision;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'majlis-moderation-decided': MajlisModerationDecidedEvent;
  }
}
