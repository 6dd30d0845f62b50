import type { Report } from '../core/types.js';

/** The viewer's report was received; `majlis-report-outcome` follows when a moderator decides. */
export class MajlisReportSubmittedEvent extends Event {
  static readonly eventName = 'majlis-report-submitted' as const;
  readonly report: Report;

  constructor(report: Report) {
    super(MajlisReportSubmittedEvent.eventName, { bubbles: true, composed: true });
    this.report = report;
  }
}

/** A moderator decided on the viewer's report: `event.status` is `upheld` or `dismissed`; `event.reason` is why. */
export class MajlisReportOutcomeEvent extends Event {
  static readonly eventName = 'majlis-report-outcome' as const;
  readonly reportId: string;
  readonly status: Report['status'];
  /** The moderators' reason, when they gave one. */
  readonly reason: string;

  constructor(reportId: string, status: Report['status'], reason = '') {
    super(MajlisReportOutcomeEvent.eventName, { bubbles: true, composed: true });
    this.reportId = reportId;
    this.status = status;
    this.reason = reason;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'majlis-report-submitted': MajlisReportSubmittedEvent;
    'majlis-report-outcome': MajlisReportOutcomeEvent;
  }
}
