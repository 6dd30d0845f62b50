import { html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { CommunityAdapter } from '../../core/adapter.js';
import type { Member } from '../../core/types.js';
import { MajlisViewerChangeEvent } from '../../events/viewer-change.js';
import { CommunityProvider, realTime, type Community, type Theme } from '../../shared/context.js';
import { defaultCommunity } from '../../shared/default-community.js';
import { MajlisElement } from '../../shared/element.js';
import { baseStyles } from '../../styles/tokens.js';
import { communityStyles } from './community.styles.js';

const THEMES: readonly Theme[] = ['light', 'dark', 'auto'];

/**
 * @tagname majlis-community
 * @summary The provider: gives the backend adapter, the viewer, the language and the theme to every
 * Majlis element inside it. With no adapter it falls back to a demo community kept in this browser.
 *
 * @slot - The page content that holds Majlis elements.
 *
 * @csspart base - The wrapper around the slotted content (`display: contents`).
 *
 * @cssproperty --majlis-color-surface - Background of cards and panels.
 * @cssproperty --majlis-color-raised - Background of subtle areas (skeletons, code, empty states).
 * @cssproperty --majlis-color-text - Main text colour.
 * @cssproperty --majlis-color-muted - Secondary text (times, counts, hints).
 * @cssproperty --majlis-color-border - Borders and dividers.
 * @cssproperty --majlis-color-accent - Links, primary buttons, selection.
 * @cssproperty --majlis-color-on-accent - Text on accent backgrounds.
 * @cssproperty --majlis-color-accent-soft - Tinted backgrounds (featured, own content).
 * @cssproperty --majlis-color-danger - Errors and destructive actions.
 * @cssproperty --majlis-color-success - Confirmations.
 * @cssproperty --majlis-color-warning - Warnings (offline, phishing marks).
 * @cssproperty --majlis-color-focus - The focus ring.
 * @cssproperty --majlis-font-family - Font of every element.
 * @cssproperty --majlis-font-size - Base font size.
 * @cssproperty --majlis-line-height - Base line height.
 * @cssproperty --majlis-radius - Corner radius.
 * @cssproperty --majlis-space - The spacing unit; paddings and gaps are multiples of it.
 * @cssproperty --majlis-focus-ring-width - Width of the focus ring.
 *
 * @cssstate light - The light theme is in effect.
 * @cssstate dark - The dark theme is in effect (`theme="dark"`, or `auto` with a dark system preference).
 * @cssstate demo - No adapter was given: the demo community is in use.
 *
 * @fires majlis-viewer-change - The viewer became known or changed. `event.viewer` is the member, or null for a guest.
 */
export class MajlisCommunity extends MajlisElement {
  static override styles = [baseStyles, communityStyles];

  /** The backend: any object implementing `CommunityAdapter` (LocalAdapter, HttpAdapter, your own). */
  @property({ attribute: false }) adapter: CommunityAdapter | undefined;

  /**
   * The signed-in member, when the host page already knows it. Leave unset to ask the adapter;
   * set to null for a guest.
   */
  @property({ attribute: false }) viewer: Member | null | undefined;

  /** `light`, `dark`, or `auto` (follows the system setting). Unset: an outer provider's theme, else `light`. */
  @property() theme: Theme | undefined;

  /** What "now" is for relative times; set a fixed clock for stories, tests and screenshots. */
  @property({ attribute: false }) now: (() => number) | undefined;

  /** Never fall back to the demo community: elements wait (loading) until `adapter` is set. */
  @property({ type: Boolean, attribute: 'no-demo' }) noDemo = false;

  /** A link to the site's community guidelines, shown in report dialogs. */
  @property({ attribute: 'guidelines-href' }) guidelinesHref: string | null = null;

  /** The reference server's API (e.g. `/api`): the provider makes an `HttpAdapter` for it when no `adapter` is set. */
  @property() endpoint: string | null = null;

  /** The viewer token the host site's backend signed; unset for a guest. Changing it re-reads the viewer. */
  @property() token: string | null = null;

  @state() private resolvedViewer: Member | null | undefined;
  @state() private demoAdapter: CommunityAdapter | undefined;
  @state() private httpAdapter: (CommunityAdapter & { setToken(token: string | null): void }) | undefined;
  #httpFor: string | null = null;

  readonly #provider = new CommunityProvider(this);
  #viewerRequest: AbortController | undefined;
  #announcedViewer: string | null | undefined;

  constructor() {
    super();
    this.community.useOwnTheme(() => (this.theme && THEMES.includes(this.theme) ? this.theme : (this.#outer?.theme ?? 'light')));
  }

  /** The community this provider gives right now. */
  get value(): Community | undefined {
    return this.#provider.value;
  }

  /** Ask the adapter again who the viewer is (after the host site signs someone in or out). */
  refreshViewer(): void {
    this.resolvedViewer = undefined;
    this.#askViewer();
  }

  /** An outer provider's community, when providers are nested. */
  get #outer(): Community | undefined {
    return this.community.value;
  }

  get #adapter(): CommunityAdapter | undefined {
    return this.adapter ?? this.#outer?.adapter ?? this.httpAdapter ?? this.demoAdapter;
  }

  /** The HTTP adapter is a chunk of its own: pages with their own adapter never load it. */
  #connectEndpoint(): void {
    const endpoint = this.endpoint;
    if (!endpoint || this.adapter || endpoint === this.#httpFor) return;
    this.#httpFor = endpoint;
    void import('../../adapters/http/http-adapter.js').then(
      ({ HttpAdapter }) => {
        if (this.endpoint === endpoint) this.httpAdapter = new HttpAdapter({ endpoint, token: this.token });
      },
      (error: unknown) => console.error('[majlis] Could not load the HTTP adapter.', error),
    );
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // With neither an adapter nor an outer provider, fall back to the demo only once the page has
    // loaded, so a page that sets `adapter` during loading (after an import or a token fetch) never
    // shows sample data. `no-demo` turns the fallback off.
    const fallBack = () =>
      setTimeout(() => {
        if (this.isConnected && !this.noDemo && !this.adapter && !this.endpoint && !this.#outer && !this.demoAdapter) {
          void defaultCommunity('no-adapter').then((demo) => {
            if (!this.adapter && !this.#outer) this.demoAdapter = demo.adapter;
          });
        }
      });
    if (document.readyState === 'complete') fallBack();
    else addEventListener('load', fallBack, { once: true });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('theme')) this.community.applyTheme();
    if (changed.has('endpoint') || changed.has('adapter')) this.#connectEndpoint();
    const own = changed as Map<PropertyKey, unknown>;
    if (changed.has('token') && this.httpAdapter && !own.has('httpAdapter')) {
      this.httpAdapter.setToken(this.token);
      this.refreshViewer();
    }
    if (changed.has('adapter') || changed.has('viewer') || own.has('demoAdapter') || own.has('httpAdapter')) {
      this.resolvedViewer = this.viewer;
      if (this.viewer === undefined) this.#askViewer();
    }
    const adapter = this.#adapter;
    this.setState('demo', !!adapter && adapter === this.demoAdapter);
    if (!adapter) return;
    // A nested provider without its own adapter shares the outer viewer too.
    const viewer = this.viewer !== undefined ? this.viewer : this.adapter || !this.#outer ? this.resolvedViewer : this.#outer.viewer;
    const next: Community = {
      adapter,
      viewer,
      theme: this.community.theme,
      guidelinesHref: this.guidelinesHref ?? this.#outer?.guidelinesHref ?? null,
      demo: adapter === this.demoAdapter,
      now: this.now ?? this.#outer?.now ?? realTime,
    };
    // A new object tells every consumer to update: give one only when something changed.
    const current = this.#provider.value;
    if (!current || (Object.keys(next) as (keyof Community)[]).some((key) => next[key] !== current[key])) this.#provider.setValue(next);
    if (viewer !== undefined && (viewer?.id ?? null) !== this.#announcedViewer) {
      this.#announcedViewer = viewer?.id ?? null;
      this.emit(new MajlisViewerChangeEvent(viewer));
    }
  }

  #askViewer(): void {
    const adapter = this.#adapter;
    this.#viewerRequest?.abort();
    if (!adapter || this.viewer !== undefined || (!this.adapter && this.#outer)) return;
    const request = (this.#viewerRequest = new AbortController());
    adapter.session.viewer({ signal: request.signal }).then(
      (viewer) => {
        if (!request.signal.aborted) this.resolvedViewer = viewer;
      },
      (error: unknown) => {
        if (request.signal.aborted) return;
        // A failing session check leaves a guest: reading still works, writing asks to sign in.
        console.warn('[majlis] Could not read the viewer from the adapter; continuing as a guest.', error);
        this.resolvedViewer = null;
      },
    );
  }

  protected override render() {
    return html`<div part="base"><slot></slot></div>`;
  }
}
