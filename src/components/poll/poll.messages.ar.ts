import type { PollWords } from './poll.messages.js';

export const ar: PollWords = {
  vote: 'صوّت',
  changeVote: 'غيّر تصويتك',
  voting: 'جارٍ حفظ تصويتك…',
  voted: 'سُجّل تصويتك.',
  yourChoice: 'اختيارك',
  chooseOne: 'اختر خيارًا واحدًا.',
  chooseRange: 'اختر من {min} إلى {max} خيارات.',
  chooseExactly: { zero: 'لا تختر شيئًا.', one: 'اختر خيارًا واحدًا.', two: 'اختر خيارين.', few: 'اختر {n} خيارات.', many: 'اختر {n} خيارًا.', other: 'اختر {n} خيار.' },
  voters: { zero: 'لا أصوات بعد', one: 'مصوّت واحد', two: 'مصوّتان', few: '{n} مصوّتين', many: '{n} مصوّتًا', other: '{n} مصوّت' },
  votes: { zero: 'لا أصوات', one: 'صوت واحد', two: 'صوتان', few: '{n} أصوات', many: '{n} صوتًا', other: '{n} صوت' },
  closes: 'يُغلق {when}',
  closed: 'هذا الاستطلاع مغلق.',
  closeNow: 'أغلق الاستطلاع',
  resultsAfterVote: 'تظهر النتائج بعد أن تصوّت.',
  resultsAfterClose: 'تظهر النتائج عند إغلاق الاستطلاع.',
  resultsModerators: 'النتائج مرئية للمشرفين فقط.',
  signInToVote: 'سجّل الدخول للتصويت',
  notFound: 'هذا الاستطلاع غير موجود أو أُزيل.',
};
