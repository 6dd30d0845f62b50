import { ar as reasonWordsAr } from '../../shared/report-reasons.messages.ar.js';
import type { ReportWords } from './report-button.messages.js';

export const ar: ReportWords = {
  report: 'إبلاغ',
  reported: 'تم الإبلاغ',
  title: 'الإبلاغ عن هذا',
  intro: 'أخبر المشرفين بما هو خطأ. بلاغك خاص.',
  reasons: reasonWordsAr.reasons,
  reason: 'السبب',
  note: 'ملاحظة للمشرفين',
  noteOptional: 'ملاحظة للمشرفين (اختيارية)',
  guidelines: 'اقرأ إرشادات المجتمع',
  send: 'أرسل البلاغ',
  sending: 'جارٍ الإرسال…',
  cancel: 'إلغاء',
  chooseReason: 'اختر سببًا.',
  thanks: 'شكرًا لك. سيراجع المشرفون البلاغ، وسترى قرارهم هنا.',
  upheld: 'أيّد المشرفون بلاغك.',
  dismissed: 'راجع المشرفون بلاغك وأبقوا المحتوى.',
  theirReason: 'السبب: «{reason}»',
  pending: 'بلاغك بانتظار أحد المشرفين.',
  signIn: 'سجّل الدخول للإبلاغ',
};
