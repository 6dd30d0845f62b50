import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { AdapterError } from '../../core/errors.js';
import { requireCapability } from '../../core/capability.js';
import { batcherFor } from '../../shared/batcher.js';
import { DataController } from '../../shared/data-controller.js';
import { MajlisElement } from '../../shared/element.js';
import { LiveController } from '../../shared/live-controller.js';
import { guardUrl } from '../../shared/url-guard.js';
import { baseStyles } from '../../styles/tokens.js';
import { commentCountWords } from './comment-count.messages.js';
import { commentCountStyles } from './comment-count.styles.js';

const TAG = 'majlis-comment-count';

/**
 * @tagname majlis-comment-count
 * @summary A live comment count for list pages: “12 comments”, in the page language, linking to
 * the thread when `href` is set. All counts on a page are fetched in one batched call.
 *
 * @csspart base - The wrapper.
 * @csspart count - The count text.
 * @csspart link - The link around the count, when `href` is set.
 * @csspart loading - The placeholder shown while loading.
 * @csspart error - The short error text.
 * @csspart retry-button - The button that loads the count again after an error.
 *
 * @cssproperty --majlis-comment-count-color - Text colour of the count (defaults to the muted colour).
 * @cssproperty --majlis-comment-count-link-color - Colour of the linked count (defaults to the accent).
 * @cssproperty --majlis-comment-count-font-size - Font size (defaults to 0.875em).
 *
 * @cssstate loading - The count is loading.
 * @cssstate empty - The thread has no comments.
 * @cssstate error - The count could not be loaded.
 * @cssstate offline - The count could not be loaded because the browser is offline.
 */
export class MajlisCommentCount extends MajlisElement {
  static override styles = [baseStyles, commentCountStyles];

  /** The thread to count (the same id as on `<majlis-comments thread>`). Required. */
  @property({ reflect: true }) thread = '';

  /** Where the count links to, usually the page holding the thread. */
  @property() href: string | null = null;

  /** A count delivered live after the last load. */
  @state() private liveCount: number | null = null;
  /** The sequence of the live count shown: an older count arriving late changes nothing. */
  #liveSeq = -Infinity;

  readonly #data = new DataController(this, {
    args: () => [this.thread] as const,
    load: async ([thread], { adapter, signal }) => {
      if (!thread) {
        console.error(`[majlis] <${TAG}> needs a thread attribute: <${TAG} thread="my-post">.`);
        throw new AdapterError('invalid', 'missing thread', { field: 'thread' });
      }
      const comments = requireCapability(adapter, 'comments', TAG);
      const counts = batcherFor(adapter, 'comment-counts', async (threads) => new Map(Object.entries(await comments.count(threads))));
      this.liveCount = null;
      this.#liveSeq = -Infinity;
      return (await counts.load(thread, signal)) ?? 0;
    },
    isEmpty: (count) => count === 0,
  });

  constructor() {
    super();
    this.localize.use(commentCountWords);
    new LiveController(
      this,
      () => (this.thread ? `thread:${this.thread}` : null),
      (event) => {
        if (event.type === 'count.updated' && event.thread === this.thread && event.seq >= this.#liveSeq) {
          this.#liveSeq = event.seq;
          this.liveCount = event.count;
        }
      },
    );
  }

  /** The count shown now, or undefined while loading. */
  get count(): number | undefined {
    return this.liveCount ?? this.#data.value;
  }

  protected override updated(): void {
    // A live count can empty or fill a thread after the last load.
    if (this.count !== undefined) this.setState('empty', this.count === 0);
  }

  protected override render() {
    const l = this.localize.l;
    const words = this.localize.words(commentCountWords);
    return html`<span part="base" dir=${this.localize.dir}>
      ${this.#data.render({
        loading: () => html`<span part="loading" role="status"><span class="visually-hidden">${l.t('loading')}</span></span>`,
        // No role="alert": a list page of failing counts must not announce twenty times.
        error: (error, retry, retrying) =>
          html`<span part="error" title=${error.message}>${this.thread ? words.unavailable : l.t('missingAttribute', { name: 'thread' })}</span
            >${this.thread
              ? html`<button part="retry-button" type="button" aria-disabled=${retrying ? 'true' : 'false'} @click=${retry}>${l.t('retry')}</button>`
              : nothing}`,
        complete: () => {
          const text = html`<span part="count">${l.plural('comments', this.count ?? 0)}</span>`;
          const link = this.href ? guardUrl(absolute(this.href)) : null;
          return link ? html`<a part="link" href=${link.href}>${text}</a>` : text;
        },
      })}
    </span>`;
  }
}

/** The attribute as an absolute URL, or '' when it is not a URL at all. */
function absolute(href: string): string {
  try {
    return new URL(href, document.baseURI).href;
  } catch {
    return '';
  }
}
