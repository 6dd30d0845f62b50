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
   * The host as typed mixes Latin, Cyrillic and Greek letters (within a label or across labels, as in
   * раураl.com or аррӏе.com), is punycode (`xn--`) or percent-encoded, or hides characters — or the URL
   * has userinfo (`https://paypal.com@evil.example`; the userinfo is dropped from `href`). Possible phishing.
   */
  lookalike: boolean;
}

/** The `rel` for every link made from user data. */
export const LINK_REL = 'nofollow ugc noopener noreferrer';

/** The scheme, written plainly at the start; for http(s), `//` must follow. */
const SCHEME = /^(?:(https?):\/\/|(mailto):)/i;
/** Controls and bidi controls: never part of an honest URL, and how `java\tscript:` hides. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\0-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]/;
/** One mailto address: local@domain, no second address, the domain a plain host. */
const ADDRESS = /^[^@,;]+@([^@,;\s/?#:\\[\]<>"]+)$/;

/**
 * The link if `raw` is an absolute http, https or mailto URL, else null. The scheme must be written
 * plainly at the start (after trimming): anything obfuscated — `java\tscript:`, `javascript&colon;`,
 * entities, controls anywhere — or any other scheme (`javascript:`, `data:`, `vbscript:`), relative and
 * protocol-relative URLs give null. http(s) URLs need `//` and a host; mailto needs exactly one address.
 * URLs longer than 8 kB are refused: no real comment needs them, and they are a cheap way to make work.
 */
export function guardUrl(raw: string): SafeLink | null {
  const s = raw.trim();
  const m = SCHEME.exec(s);
  if (!m || s.length > 8192 || CONTROL.test(s)) return null;
  try {
    const url = new URL(s);
    const scheme = (m[1] ?? m[2])!.toLowerCase() as SafeLink['scheme'];
    if (url.protocol != scheme + ':') return null;
    // The host as typed (IDNA would hide what it maps away), and for mailto the decoded address's domain.
    const typed = m[1]
      ? s.slice(m[0].length).split(/[/?#\\]/)[0]!.split('@').pop()!
      : ADDRESS.exec(decodeURIComponent(s.slice(7).split(/[?#]/)[0]!))?.[1];
    const host = m[1] ? url.hostname : asciiHost(typed);
    if (!host || typed === undefined) return null;
    const lookalike = !!(url.username || url.password) || isLookalike(typed);
    // Credentials in a link from a stranger only serve to disguise the host: drop them from the href.
    url.username = url.password = '';
    return { href: url.href, host, scheme, lookalike };
  } catch {
    return null; // unparsable, or a malformed %-escape in a mailto address
  }
}

/**
 * True when the link text names a domain (`paypal.com`, `www.paypal.com/login`, `https://paypal.com`,
 * `support@paypal.com`) whose registrable domain differs from that of the link's real host. Text that
 * names no domain gives false, and so do common file names (`report.pdf`).
 */
export function linkMismatch(text: string, link: SafeLink): boolean {
  const target = registrable(link.host);
  return neutralizeText(text)
    .split(/[\s"'<>()[\]{}|,;!«»“”‘’،؛]+/u)
    .some((token) => {
      // In a URL, the userinfo is what a reader takes for the host (https://paypal.com@evil.example);
      // in an email address, the part before @ is just a name.
      const names = token.replace(/^(?:[a-z][\w+.-]*:\/\/|mailto:)/i, '').split(/[/?#\\]/)[0]!.split('@');
      return (/^[a-z][\w+.-]*:\/\//i.test(token) ? names : names.slice(-1)).some((name) => {
        const domain = DOMAIN.exec(name.split(':')[0]!)?.[1];
        return domain && !FILE.test(domain) && registrable(asciiHost(domain)) != target;
      });
    });
}

/** A domain-like name (or an IPv4 address), with sentence punctuation around it: "see paypal.com." */
const DOMAIN = /^[.:*_~]*((?:[\p{L}\p{M}\p{N}-]+\.)+\p{L}{2,63}|\d{1,3}(?:\.\d{1,3}){3})[.:;!?*_~…؟。]*$/u;
/** File names, not domains: extensions that are no top-level domain. */
const FILE = /\.(html?|pdf|txt|png|jpe?g|gif|svg|json|js|css|exe|docx?|xlsx?|csv)$/i;

/** The ASCII (punycode) form of a host, from the WHATWG parser; '' when it is not a valid host. */
function asciiHost(name = ''): string {
  try {
    return new URL('http://' + name).hostname;
  } catch {
    return '';
  }
}

const SCRIPTS = [/\p{Script=Latin}/u, /\p{Script=Cyrillic}/u, /\p{Script=Greek}/u];

/** See {@link SafeLink.lookalike}. */
const isLookalike = (typed: string): boolean =>
  /%|xn--/i.test(typed) || hasHiddenCharacters(typed) || SCRIPTS.filter((script) => script.test(typed)).length > 1;

/**
 * The registrable domain of an ASCII host, approximately: IP addresses whole, else the last two labels,
 * or three under a common second-level label of a country code (co.uk, com.sa, gov.ae…).
 */
function registrable(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  if (/[\d\]]$/.test(host)) return host;
  const n = /^(ac|co|com|edu|gov|net|org)$/.test(labels.at(-2) ?? '') && labels.at(-1)!.length == 2 ? 3 : 2;
  return labels.slice(-n).join('.');
}
