import { MessageSet } from '../i18n/message-set.js';

/**
 * The report reasons, [label, what it covers]. The report dialog's words include them; the moderators'
 * elements, which only name reasons, use them alone (`reasonWords`).
 */
export const reasons: Record<string, [string, string]> = {
  spam: ['Spam', 'Advertising, repeated posts or links that lead nowhere useful.'],
  harassment: ['Harassment', 'Attacks, threats or bullying aimed at someone.'],
  hate: ['Hate', 'Attacks on people for who they are.'],
  violence: ['Violence', 'Threats or praise of violence.'],
  sexual: ['Sexual content', 'Sexual material that does not belong here.'],
  misinformation: ['Misinformation', 'False claims that could cause harm.'],
  scam: ['Scam or phishing', 'Tricks to take money, passwords or personal details.'],
  'off-topic': ['Off-topic', 'Unrelated to the conversation.'],
  other: ['Something else', 'Explain in the note below.'],
};
export interface ReasonWords {
  reasons: Record<string, [string, string]>;
}

// Pure: a visitor's page, which has the reasons in the dialog's words, does not keep this set.
export const reasonWords = /* @__PURE__ */ new MessageSet<ReasonWords>({ reasons }, { ar: () => import('./report-reasons.messages.ar.js').then((m) => m.ar) });
