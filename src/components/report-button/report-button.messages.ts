import { MessageSet } from '../../i18n/message-set.js';

const en = {
  report: 'Report',
  reported: 'Reported',
  title: 'Report this',
  intro: 'Tell the moderators what is wrong. Your report is private.',
  reasons: {
    spam: ['Spam', 'Advertising, repeated posts or links that lead nowhere useful.'],
    harassment: ['Harassment', 'Attacks, threats or bullying aimed at someone.'],
    hate: ['Hate', 'Attacks on people for who they are.'],
    violence: ['Violence', 'Threats or praise of violence.'],
    sexual: ['Sexual content', 'Sexual material that does not belong here.'],
    misinformation: ['Misinformation', 'False claims that could cause harm.'],
    scam: ['Scam or phishing', 'Tricks to take money, passwords or personal details.'],
    'off-topic': ['Off-topic', 'Unrelated to the conversation.'],
    other: ['Something else', 'Explain in the note below.'],
  } as Record<string, [string, string]>,
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
