/**
 * The self-contained script for a plain `<script type="module">` (dist/cdn/majlis.min.js): the whole
 * library, and HttpAdapter in the same file. A page that names an endpoint needs it before its first
 * request, so as a lazy chunk it only added a round trip and the bytes a separate file compresses worse.
 */
export * from './index.js';
export { HttpAdapter } from './adapters/http/http-adapter.js';
