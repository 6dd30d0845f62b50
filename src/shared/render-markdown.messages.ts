import { MessageSet } from '../i18n/message-set.js';

const en = {
  /** `{host}`: the real host a link opens. */
  linkOpens: 'Opens {host}',
  phishingWarning: 'Possible phishing: this link goes to {host}, not to the site its text names.',
  lookalikeWarning: 'Careful: {host} may imitate another site’s address.',
  hiddenCharacters: 'Hidden or direction-changing characters were removed from this text.',
};
export type UserTextWords = typeof en;

export const userTextWords = new MessageSet<UserTextWords>(en, { ar: () => import('./render-markdown.messages.ar.js').then((m) => m.ar) });
