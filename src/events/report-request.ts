import type { TargetRef } from '../core/types.js';

/** A visitor asked to report something; the report button (or the host page) opens the report dialog. */
export class MajlisReportRequestEvent extends Event {
  static readonly eventName = 'majlis-report-request' as const;
  /** What to report: `comment:<id>`, `member:<id>` or `poll:<id>`. (Not `target`, which every event already has.) */
  readonly reportTarget: TargetRef;

  constructor(target: TargetRef) {
    super(MajlisReportRequestEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.reportTarget = target;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'majlis-report-request': MajlisReportRequestEvent;
  }
}
