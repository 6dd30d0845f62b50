import type { UserTextWords } from './render-markdown.messages.js';

export const ar: UserTextWords = {
  linkOpens: 'يفتح {host}',
  phishingWarning: 'احتيال محتمل: هذا الرابط يذهب إلى {host} وليس إلى الموقع المذكور في نصه.',
  lookalikeWarning: 'انتبه: قد يكون {host} تقليدًا لعنوان موقع آخر.',
  hiddenCharacters: 'أُزيلت من هذا النص رموز مخفية أو رموز تغيّر اتجاه الكتابة.',
};
