import { MessageSet } from '../../i18n/message-set.js';
import { reasons } from '../../shared/report-reasons.messages.js';

const en = {
  report: 'Report',
  reported: 'Reported',
  title: 'Report this',
  intro: 'Tell the moderators what is wrong. Your report is private.',
  reasons,
  reason: 'Reason',
  note: 'Note for the moderators',
  noteOptional: 'Note for the moderators (optional)',
  guidelines: 'Read the community guidelines',
  send: 'Send report',
  sending: 'Sending…',
  cancel: 'Cancel',
  chooseReason: 'Choose a reason.',
  thanks: 'Thank you. The moderators will review it; you will see their decision here.',
  upheld: 'Moderators upheld your report.',
  dismissed: 'Moderators reviewed your report and kept the content.',
  pending: 'Your report is waiting for a moderator.',
  theirReason: 'Their reason: “{reason}”',
  signIn: 'Sign in to report',
};
export type ReportWords = typeof en;

export const reportWords = new MessageSet<ReportWords>(en, { ar: () => import('./report-button.messages.ar.js').then((m) => m.ar) });
