import type { ComposerWords } from './composer.messages.js';

export const ar: ComposerWords = {
  label: 'اكتب تعليقًا',
  replyLabel: 'رد على {name}',
  editLabel: 'عدّل تعليقك',
  placeholder: 'شاركنا رأيك…',
  send: 'نشر',
  sendReply: 'رد',
  save: 'حفظ',
  cancel: 'إلغاء',
  sending: 'جارٍ النشر…',
  write: 'كتابة',
  preview: 'معاينة',
  previewEmpty: 'لا شيء للمعاينة بعد.',
  hints: '‏**عريض**، *مائل*، `رمز`، [رابط](https://…)، > اقتباس، - قائمة، ‎@اسم. ‏Ctrl+Enter للإرسال.',
  counter: '{n} / {max}',
  tooLong: 'تجاوزت الحد بـ {n} حرفًا.',
  draftKept: 'مسودتك محفوظة على هذا الجهاز حتى تُنشر.',
  posted: 'نُشر تعليقك.',
  mentionSuggestions: 'المشاركون في هذا النقاش',
};
