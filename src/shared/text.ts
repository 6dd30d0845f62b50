/**
 * Neutralizing user text before it is shown: bidi controls that can reorder what people read,
 * invisible characters that can hide or smuggle text, controls and broken surrogates.
 *
 * Pure and DOM-free: used by the renderer (which shows the result through Lit text bindings), by
 * the URL guard and by anything that previews user text.
 */

/** U+202A–U+202E (embeddings, overrides, PDF) and U+2066–U+2069 (isolates). LRM, RLM and ALM are kept. */
function isBidiControl(cp: number): boolean {
  return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/**
 * Default-ignorable and other invisible format characters that are always removed. Not here, because
 * text needs them: U+200C ZWNJ and U+200D ZWJ (Persian/Arabic shaping, emoji sequences), U+200E/U+200F
 * LRM/RLM and U+061C ALM (bidi marks, not overrides), variation selectors and emoji tag characters
 * (handled on their own, see {@link scan}).
 */
function isInvisible(cp: number): boolean {
  if (cp < 0x00ad) return false;
  return (
    cp === 0x00ad || // soft hyphen
    cp === 0x034f || // combining grapheme joiner
    cp === 0x115f || cp === 0x1160 || // Hangul choseong/jungseong fillers
    cp === 0x17b4 || cp === 0x17b5 || // Khmer inherent vowels
    cp === 0x180e || // Mongolian vowel separator
    cp === 0x200b || // zero width space
    (cp >= 0x2060 && cp <= 0x2065) || // word joiner, invisible operators
    (cp >= 0x206a && cp <= 0x206f) || // deprecated format characters
    cp === 0x3164 || // Hangul filler
    cp === 0xfeff || // zero width no-break space / BOM
    cp === 0xffa0 || // halfwidth Hangul filler
    (cp >= 0xfff0 && cp <= 0xfffb) || // unassigned specials, interlinear annotation
    (cp >= 0x1bca0 && cp <= 0x1bca3) || // shorthand format controls
    (cp >= 0x1d173 && cp <= 0x1d17a) || // musical symbol format controls
    (cp >= 0xe0000 && cp <= 0xe0fff && !isTag(cp) && !isVariationSelector(cp)) // unassigned default-ignorables
  );
}

function isVariationSelector(cp: number): boolean {
  return (
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0x180b && cp <= 0x180d) ||
    cp === 0x180f ||
    (cp >= 0xe0100 && cp <= 0xe01ef)
  );
}

/** Tag characters U+E0020–U+E007F: legitimate only inside an emoji flag tag sequence (🏴 + tags + cancel tag). */
function isTag(cp: number): boolean {
  return cp >= 0xe0020 && cp <= 0xe007f;
}

const BLACK_FLAG = 0x1f3f4;
const CANCEL_TAG = 0xe007f;
/** Subdivision flags use 3 to 6 tags; anything much longer is smuggling, not a flag. */
const MAX_FLAG_TAGS = 16;

/** The end (exclusive) of a valid flag tag sequence starting at i, or -1. Looks at most MAX_FLAG_TAGS + 1 code points ahead. */
function flagTagsEnd(text: string, i: number): number {
  let count = 0;
  while (i + 1 < text.length) {
    const cp = text.codePointAt(i) ?? 0;
    if (cp === CANCEL_TAG) return count > 0 ? i + 2 : -1;
    if (!isTag(cp) || ++count > MAX_FLAG_TAGS) return -1;
    i += 2;
  }
  return -1;
}

/** The end (exclusive) of the run of tag characters starting at i. */
function tagRunEnd(text: string, i: number): number {
  while (i + 1 < text.length && isTag(text.codePointAt(i) ?? 0)) i += 2;
  return i;
}

/**
 * One pass over the text. In detect mode, returns true at the first hidden character it would
 * remove (bidi control or invisible character) and false otherwise; else returns the neutralized text.
 */
function scan(text: string, detect: true): boolean;
function scan(text: string, detect: false): string;
function scan(text: string, detect: boolean): string | boolean {
  const parts: string[] = [];
  let runStart = 0; // start of the not-yet-copied unchanged slice
  let prevKept = -1; // the last code point kept in the output, -1 at the start
  let keepTagsUntil = -1; // tag characters before this index belong to a valid flag sequence
  let dropTagsUntil = -1; // tag characters before this index belong to an invalid run

  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) {
      prevKept = c;
      i++;
      continue;
    }
    let cp = c;
    let size = 1;
    let replacement: string | null = null; // null: keep; '' : drop; else replace
    let hidden = false;
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        cp = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
        size = 2;
      } else {
        replacement = '\uFFFD';
        cp = 0xfffd;
      }
    }
    if (replacement === null) {
      if (cp === 0x0a || cp === 0x09) {
        // keep
      } else if (cp === 0x0d) {
        replacement = i + 1 < n && text.charCodeAt(i + 1) === 0x0a ? '' : '\n';
        if (replacement === '\n') cp = 0x0a;
      } else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
        replacement = ''; // C0 (except \t \n), DEL and C1 controls
      } else if (isBidiControl(cp) || isInvisible(cp)) {
        replacement = '';
        hidden = true;
      } else if (isVariationSelector(cp)) {
        // One variation selector after a base character is how emoji and ideographic variants are
        // written; a selector with no base, or a run of them, hides data (“emoji smuggling”).
        if (prevKept === -1 || isVariationSelector(prevKept)) {
          replacement = '';
          hidden = true;
        }
      } else if (isTag(cp)) {
        if (i >= keepTagsUntil) {
          const end = i >= dropTagsUntil && prevKept === BLACK_FLAG ? flagTagsEnd(text, i) : -1;
          if (end === -1) {
            if (i >= dropTagsUntil) dropTagsUntil = tagRunEnd(text, i);
            replacement = '';
            hidden = true;
          } else {
            keepTagsUntil = end;
          }
        }
      }
    }
    if (replacement === null) {
      prevKept = cp;
    } else {
      if (detect && hidden) return true;
      if (!detect) {
        if (i > runStart) parts.push(text.slice(runStart, i));
        if (replacement !== '') {
          parts.push(replacement);
          prevKept = cp;
        }
      }
      runStart = i + size;
    }
    i += size;
  }
  if (detect) return false;
  if (runStart === 0) return text;
  if (runStart < n) parts.push(text.slice(runStart));
  return parts.join('');
}

/**
 * The text with what can deceive or hide removed:
 * - bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069);
 * - invisible characters (zero width space, word joiner, BOM, soft hyphen, Mongolian vowel separator,
 *   Hangul fillers and the other default-ignorables), stray variation selectors (a selector is kept only
 *   directly after a character that is not itself a selector) and tag characters outside an emoji flag
 *   tag sequence;
 * - C0 controls except \n and \t, DEL and C1 controls; a CR becomes \n (CRLF becomes one \n);
 * - lone surrogates become U+FFFD.
 * Kept: ZWNJ and ZWJ (U+200C, U+200D), LRM, RLM and ALM (U+200E, U+200F, U+061C).
 * Idempotent, linear time.
 */
export function neutralizeText(text: string): string {
  return scan(text, false);
}

/**
 * True when {@link neutralizeText} would remove a bidi control or an invisible character, so the UI
 * can mark the text. Controls (NUL, CR, …) and lone surrogates alone do not count.
 */
export function hasHiddenCharacters(text: string): boolean {
  return scan(text, true);
}
