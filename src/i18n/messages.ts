import type { ErrorCode } from '../core/errors.js';

/** Plural forms by `Intl.PluralRules` category; `{n}` is replaced by the localized number. `other` is required. */
export interface PluralForms {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

/** Reasons inside an error code that deserve their own words. */
export type ErrorReason = 'duplicate' | 'edit_window' | 'closed' | 'already_voted' | 'already_reported' | 'banned' | 'too_long' | 'empty' | 'note_required' | 'own_content' | 'unstorable';

/**
 * The typed message catalogue. Every user-facing string of every element lives here, in each shipped
 * language; `{name}` placeholders are filled by `Localizer.t`. Elements add their own keys as they land.
 */
export interface Messages {
  $code: string;
  $name: string;
  $dir: 'ltr' | 'rtl';

  loading: string;
  retry: string;
  offline: string;
  offlineRetrying: string;
  signIn: string;
  signInPrompt: string;
  /** A developer forgot a required attribute: `{name}`. */
  missingAttribute: string;
  /** `{seconds}` until a retry may work. */
  rateLimitedWait: PluralForms;
  errors: Record<ErrorCode | 'capability' | 'unknown', string>;
  reasons: Record<ErrorReason, string>;
  roles: { moderator: string; admin: string };
  trust: { new: string; member: string; trusted: string; moderator: string; admin: string };
  tiers: { bronze: string; silver: string; gold: string };
  points: PluralForms;
  comments: PluralForms;
  members: PluralForms;
}
