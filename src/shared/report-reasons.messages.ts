import { MessageSet } from '../i18n/message-set.js';

/** The report reasons, [label, what it covers]: the report dialog offers them, the moderators' elements name them. */
const en = {
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
};
export type ReasonWords = typeof en;

export const reasonWords = new MessageSet<ReasonWords>(en, { ar: () => import('./report-reasons.messages.ar.js').then((m) => m.ar) });
