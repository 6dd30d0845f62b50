/**
 * The one URL guard: every href that comes from user data goes through {@link guardUrl} before it
 * reaches the DOM (Lit does not check URLs in production). Pure and DOM-free; uses the WHATWG `URL`
 * parser that Node and browsers share, so the href we hand out is exactly what the browser follows.
 */
import { hasHiddenCharacters, neutralizeText } from './text.js';

export interface SafeLink {
  /** The normalized URL from the WHATWG parser: what the browser will follow. */
  href: string;
  /** The real host to show people, in ASCII (punycode for IDNs); for mailto, the domain after `@`. */
  host: string;
  scheme: 'http' | 'https' | 'mailto';
  /**
   * The host as typed mixes scripts inside a label (e.g. Latin with Cyrillic), has an all-Cyrillic or
   * all-Greek label that could pass for Latin next to Latin labels, contains `xn--` labels or hidden
   * characters — or the URL has userinfo (`https://paypal.com@evil.example`; the userinfo is dropped
   * from `href`). Possible phishing.
   */
  lookalike: boolean;
}

/** The `rel` for every link made from user data. */
export const LINK_REL = 'nofollow ugc noopener noreferrer';

/** Longer URLs are refused: no real comment needs them, and they are a cheap way to make work. */
const MAX_URL_LENGTH = 8192;

const SCHEME = /^(https?|mailto):/i;
/** C0 and C1 controls, DEL, and bidi embeddings/overrides/isolates: never part of an honest URL. */
function hasControlOrBidi(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return true;
  }
  return false;
}

/**
 * The link if `raw` is an absolute http, https or mailto URL, else null. The scheme must be written
 * plainly at the start (after trimming): anything obfuscated — `java\tscript:`, `javascript&colon;`,
 * entities, controls anywhere — or any other scheme (`javascript:`, `data:`, `vbscript:`), relative and
 * protocol-relative URLs give null. http(s) URLs need `//` and a host; mailto needs exactly one address.
 */
export function guardUrl(raw: string): SafeLink | null {
  const s = raw.trim();
  if (s.length === 0 || s.length > MAX_URL_LENGTH) return null;
  if (hasControlOrBidi(s)) return null;
  const m = SCHEME.exec(s);
  if (m === null) return null;
  const scheme = (m[1] ?? '').toLowerCase();
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return null;
  }
  if (url.protocol !== `${scheme}:`) return null;

  if (scheme === 'http' || scheme === 'https') {
    if (s.charAt(m[0].length) !== '/' || s.charAt(m[0].length + 1) !== '/') return null;
    const host = url.hostname;
    if (host.length === 0) return null;
    const rest = s.slice(m[0].length + 2);
    const authority = rest.slice(0, firstIndexOf(rest, '/?#\\'));
    const at = authority.lastIndexOf('@');
    const rawHost = stripPort(authority.slice(at + 1));
    const lookalike = at !== -1 || isLookalikeHost(rawHost);
    // Credentials in a link from a stranger only serve to disguise the host: drop them from the href.
    url.username = '';
    url.password = '';
    return { href: url.href, host, scheme, lookalike };
  }

  // mailto: one address, local@domain.
  const rawAddress = s.slice(m[0].length, firstIndexOf(s, '?#'));
  let address: string;
  try {
    address = decodeURIComponent(rawAddress);
  } catch {
    return null;
  }
  const at = address.lastIndexOf('@');
  if (at <= 0 || address.includes(',') || address.includes(';')) return null;
  const domain = address.slice(at + 1);
  if (domain.length === 0 || /[\s/?#@:\\[\]<>"]/.test(domain)) return null;
  const host = asciiHost(domain);
  if (host === null) return null;
  return { href: url.href, host, scheme: 'mailto', lookalike: isLookalikeHost(domain) };
}

/**
 * True when the link text names a domain (`paypal.com`, `www.paypal.com/login`, `https://paypal.com`,
 * `support@paypal.com`) whose registrable domain differs from that of the link's real host. Text that
 * names no domain gives false. Registrable domains are approximated: the last two labels, or three
 * under a common second-level suffix of a country code (co.uk, com.sa, gov.ae…).
 */
export function linkMismatch(text: string, link: SafeLink): boolean {
  const target = registrableDomain(link.host);
  for (const named of domainsIn(neutralizeText(text))) {
    const ascii = asciiHost(named);
    if (ascii !== null && registrableDomain(ascii) !== target) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Hosts

function firstIndexOf(s: string, chars: string): number {
  for (let i = 0; i < s.length; i++) if (chars.includes(s.charAt(i))) return i;
  return s.length;
}

function stripPort(hostPort: string): string {
  if (hostPort.startsWith('[')) {
    const end = hostPort.indexOf(']');
    return end === -1 ? hostPort : hostPort.slice(0, end + 1);
  }
  const colon = hostPort.lastIndexOf(':');
  return colon === -1 ? hostPort : hostPort.slice(0, colon);
}

/** The ASCII (punycode) form of a host, from the WHATWG parser; null when it is not a valid host. */
function asciiHost(host: string): string | null {
  try {
    const hostname = new URL(`http://${host}/`).hostname;
    return hostname.length > 0 ? hostname : null;
  } catch {
    return null;
  }
}

const LABEL_SEPARATOR = /[.\u3002\uff0e\uff61]/;

/** Scripts we tell apart; a letter in none of them counts as its own “other” script. */
const SCRIPTS: ReadonlyArray<readonly [string, RegExp]> = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Han', /\p{Script=Han}/u],
  ['Hiragana', /\p{Script=Hiragana}/u],
  ['Katakana', /\p{Script=Katakana}/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Bopomofo', /\p{Script=Bopomofo}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
];
const LETTER = /[\p{L}\p{Nl}]/u;

/** Mixes that are normal inside one label (UTS #39 “highly restrictive”). */
const ALLOWED_MIXES: ReadonlyArray<ReadonlySet<string>> = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Bopomofo']),
  new Set(['Latin', 'Han', 'Hangul']),
];

/** Cyrillic and Greek lower-case letters that pass for Latin ones. */
const LATIN_LOOKALIKES = new Set([
  ...'асԁеһіјӏорԛѕԝхуъьпгѵѡкүҽ',
  ...'αγεηικνορτυχωϲϳ',
]);

function scriptOf(ch: string): string | null {
  if (!LETTER.test(ch)) return null; // digits, hyphens, marks: Common or Inherited
  for (const [name, re] of SCRIPTS) if (re.test(ch)) return name;
  return `other:${ch}`;
}

/** See {@link SafeLink.lookalike}; `typed` is the host as it appears in the raw text. */
function isLookalikeHost(typed: string): boolean {
  let h = typed;
  if (h.includes('%')) {
    try {
      h = decodeURIComponent(h);
    } catch {
      return true;
    }
  }
  if (hasHiddenCharacters(h)) return true;
  h = h.normalize('NFKC').toLowerCase();
  const labels = h.split(LABEL_SEPARATOR).filter((l) => l.length > 0);
  const scriptsPerLabel: Set<string>[] = [];
  for (const label of labels) {
    if (label.startsWith('xn--')) return true;
    const scripts = new Set<string>();
    for (const ch of label) {
      const script = scriptOf(ch);
      if (script !== null) scripts.add(script);
    }
    if (scripts.size > 1 && !ALLOWED_MIXES.some((mix) => [...scripts].every((s) => mix.has(s)))) return true;
    scriptsPerLabel.push(scripts);
  }
  // A whole label of Cyrillic/Greek letters that look Latin, next to a Latin label (аррӏе.com, paypal.соm).
  for (let i = 0; i < labels.length; i++) {
    const scripts = scriptsPerLabel[i];
    if (scripts === undefined || scripts.size !== 1 || !(scripts.has('Cyrillic') || scripts.has('Greek'))) continue;
    const allLookalike = [...(labels[i] ?? '')].every((ch) => scriptOf(ch) === null || LATIN_LOOKALIKES.has(ch));
    if (allLookalike && scriptsPerLabel.some((other, j) => j !== i && other.has('Latin'))) return true;
  }
  return false;
}

/** Second-level labels under which registrations happen, in country-code TLDs (co.uk, com.sa, gov.ae…). */
const SECOND_LEVEL = new Set([
  'ac', 'co', 'com', 'edu', 'gob', 'gouv', 'gov', 'go', 'ltd', 'me', 'mil', 'ne', 'net', 'nhs', 'nic',
  'or', 'org', 'plc', 'sch',
]);

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** Approximate registrable domain of an ASCII host: IPs whole, else the last 2 labels, or 3 under SECOND_LEVEL. */
function registrableDomain(host: string): string {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h.startsWith('[') || IPV4.test(h)) return h;
  const labels = h.split('.');
  const n = labels.length;
  if (n >= 3 && (labels[n - 1] ?? '').length === 2 && SECOND_LEVEL.has(labels[n - 2] ?? '')) {
    return labels.slice(n - 3).join('.');
  }
  return labels.slice(Math.max(0, n - 2)).join('.');
}

/** File extensions that look like top-level domains in text but are not TLDs. */
const NOT_TLDS = new Set([
  'html', 'htm', 'txt', 'pdf', 'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'json', 'js', 'mjs', 'ts',
  'css', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'csv', 'exe', 'mp3', 'mp4', 'wav', 'java', 'cpp',
]);

const TOKEN_SEPARATOR = /[\s"'<>()[\]{}|,;!«»“”‘’،؛]+/u;
/** Punctuation around a name in prose: “see paypal.com.” names paypal.com. */
const EDGE_PUNCT = '.:;!?*_~`…؟。';
const SCHEME_PREFIX = /^[a-z][a-z0-9+.-]*:/i;
const DOMAIN_LABEL = /^[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]{0,61}[\p{L}\p{M}\p{N}])?$/u;
const TLD = /^(?:[\p{L}\p{M}]{2,63}|xn--[a-z0-9-]{1,59})$/u;

/** The domain-like names in a text, as written (Unicode allowed). */
function domainsIn(text: string): string[] {
  const found: string[] = [];
  for (const rawToken of text.split(TOKEN_SEPARATOR)) {
    if (rawToken.length === 0 || rawToken.length > 2048) continue;
    let start = 0;
    let end = rawToken.length;
    while (start < end && EDGE_PUNCT.includes(rawToken.charAt(start))) start++;
    while (end > start && EDGE_PUNCT.includes(rawToken.charAt(end - 1))) end--;
    const token = rawToken.slice(start, end);
    if (token.length === 0) continue;
    let rest = token;
    const scheme = SCHEME_PREFIX.exec(rest);
    let hasAuthority = false;
    if (scheme !== null && rest.startsWith('//', scheme[0].length)) {
      rest = rest.slice(scheme[0].length + 2);
      hasAuthority = true;
    } else if (scheme !== null && scheme[0].toLowerCase() === 'mailto:') {
      rest = rest.slice(scheme[0].length);
    }
    const authority = rest.slice(0, firstIndexOf(rest, '/?#\\'));
    const at = authority.lastIndexOf('@');
    // In a URL, the userinfo is what a reader takes for the host (https://paypal.com@evil.example);
    // in an email address, the part before @ is just a name.
    const candidates = [stripPort(authority.slice(at + 1))];
    if (hasAuthority && at !== -1) candidates.push(stripPort(authority.slice(0, at)));
    for (const candidate of candidates) if (isDomainLike(candidate)) found.push(candidate);
  }
  return found;
}

function isDomainLike(name: string): boolean {
  if (IPV4.test(name)) return true;
  const labels = name.split(LABEL_SEPARATOR);
  if (labels.length < 2 || name.length > 253) return false;
  const tld = (labels[labels.length - 1] ?? '').toLowerCase();
  if (!TLD.test(tld) || NOT_TLDS.has(tld)) return false;
  return labels.every((label) => DOMAIN_LABEL.test(label));
}
