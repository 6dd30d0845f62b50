/**
 * Neutralizing user text before it is shown: bidi controls that can reorder what people read,
 * invisible characters that can hide or smuggle text, controls and broken surrogates.
 *
 * Pure and DOM-free: used by the renderer (which shows the result through Lit text bindings), by
 * the URL guard and by anything that previews user text. Two regular expressions, each matching one
 * code point (with at most one code point of look-behind), so every call is linear.
 */

/** Variation selectors: one after a character picks its form (emoji or text); more, or none before, hide data. */
const SELECTORS = '\\u180B-\\u180D\\u180F\\uFE00-\\uFE0F\\u{E0100}-\\u{E01EF}';
/** C0 controls except tab, newline and CR (which becomes a newline first), DEL and C1 controls. */
const CONTROLS = '\\0-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F';
/** The default-ignorable code points, and the interlinear annotation controls. */
const INVISIBLE = '\\p{DI}\\uFFF9-\\uFFFB';

/**
 * Hidden characters: the invisible ones — bidi embeddings, overrides and isolates, zero width space,
 * word joiner, BOM, soft hyphen, fillers, tag characters (ASCII smuggling, and so also emoji flag tag
 * sequences), … — except the ones text needs: ZWNJ and ZWJ (Persian and Arabic shaping, emoji
 * sequences), LRM, RLM and ALM (bidi marks, not overrides); and variation selectors that do not
 * directly follow a character that stays.
 */
// eslint-disable-next-line no-misleading-character-class -- ranges of selectors, not one combined character
const HIDDEN = new RegExp(`(?![\\u061C\\u200C-\\u200F${SELECTORS}])[${INVISIBLE}]|(?<=^|[${INVISIBLE}${CONTROLS}])[${SELECTORS}]`, 'gu');
/** Controls, and lone surrogates (which become U+FFFD). */
const BROKEN = new RegExp(`[${CONTROLS}\\uD800-\\uDFFF]`, 'gu');

/**
 * The longest text shown, in UTF-16 code units: twice the longest comment the engine takes (5,000 code
 * points, at most 10,000 units). A backend's longer text is cut, so a megabyte costs what a comment does.
 */
export const MAX_SHOWN_LENGTH = 20_000;

/** The text cut to {@link MAX_SHOWN_LENGTH} with "…" (never inside a surrogate pair); shorter text as it is. */
export const clipText = (text: string): string => {
  if (text.length <= MAX_SHOWN_LENGTH) return text;
  const end = MAX_SHOWN_LENGTH - (/[\uD800-\uDBFF]/.test(text[MAX_SHOWN_LENGTH - 1]!) ? 1 : 0);
  return `${text.slice(0, end)}…`;
};

/**
 * The text, clipped (see {@link clipText}), with what can deceive or hide removed (see HIDDEN); C0
 * controls except \n and \t, DEL and C1 controls removed; CR and CRLF made \n; lone surrogates made
 * U+FFFD. Idempotent, linear time.
 */
export const neutralizeText = (text: string): string =>
  clipText(text)
    .replace(/\r\n?/g, '\n')
    .replace(HIDDEN, '')
    .replace(BROKEN, (c) => (c < '\uD800' ? '' : '\uFFFD'));

/**
 * True when {@link neutralizeText} would remove a hidden character, so the UI can mark the text.
 * Controls (NUL, CR, …) and lone surrogates alone do not count.
 */
export const hasHiddenCharacters = (text: string): boolean => text.search(HIDDEN) >= 0;
