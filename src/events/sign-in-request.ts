/** A guest tried to do something that needs an account: the host site opens its own sign-in. */
export class MajlisSignInRequestEvent extends Event {
  static readonly eventName = 'majlis-sign-in-request' as const;
  /** What the guest was trying to do (`comment`, `react`, `vote`, `report`). */
  readonly intent: string;

  constructor(intent: string) {
    super(MajlisSignInRequestEvent.eventName, { bubbles: true, composed: true });
    this.intent = intent;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'majlis-sign-in-request': MajlisSignInRequestEvent;
  }
}
