import { css, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { requireCapability } from '../../core/capability.js';
import { newIdempotencyKey } from '../../core/ids.js';
import type { Comment, Id, Member } from '../../core/types.js';
import { MajlisCommentEditedEvent } from '../../events/comment-edited.js';
import { MajlisCommentPostedEvent } from '../../events/comment-posted.js';
import { fill, type LocalizedError } from '../../i18n/localizer.js';
import { MajlisElement } from '../../shared/element.js';
import { markdownStyles, renderUserText } from '../../shared/render-markdown.js';
import { renderPlainText } from '../../shared/plain-text.js';
import { userTextWords } from '../../shared/render-markdown.messages.js';
import { controlStyles } from '../../styles/controls.js';
import { baseStyles } from '../../styles/tokens.js';
import { composerWords } from './composer.messages.js';

interface Draft {
  body: string;
  /** Kept with the text: a retry after a lost response reuses it, so the comment is never posted twice. */
  key: string;
}

const MENTION = /@([\p{L}\p{N}_.-]{0,40})$/u;

/** Code points, as the engine counts them. */
const length = (text: string) => {
  let n = 0;
  for (const _ of text) n++;
  return n;
};

/**
 * The comment composer inside <majlis-comments> (for a new comment, a reply, or an edit). Its draft
 * lives in localStorage per thread and target until the backend accepts it: a reload, an error or
 * going offline loses nothing.
 */
export class MajlisCommentComposer extends MajlisElement {
  static override styles = [
    baseStyles,
    controlStyles,
    markdownStyles,
    css`
      form {
        display: grid;
        gap: var(--_space);
      }
      .tabs {
        display: flex;
        gap: calc(var(--_space) * 0.5);
      }
      .tabs button {
        border: 1px solid transparent;
        background: none;
        padding: calc(var(--_space) * 0.5) var(--_space);
        border-radius: var(--_radius);
        color: var(--_muted);
      }
      .tabs button[aria-pressed='true'] {
        border-color: var(--_border);
        color: var(--_text);
        background: var(--_raised);
      }
      textarea {
        min-block-size: 6rem;
        resize: vertical;
        inline-size: 100%;
      }
      .preview {
        min-block-size: 6rem;
        padding: var(--_space);
        border: 1px dashed var(--_border);
        border-radius: var(--_radius);
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--_space);
        justify-content: space-between;
      }
      .hints,
      .counter,
      .kept {
        color: var(--_muted);
        font-size: 0.8125em;
        margin: 0;
      }
      .counter.over,
      .problem {
        color: var(--_danger);
      }
      .problem {
        margin: 0;
        font-size: 0.875em;
      }
      .actions {
        display: flex;
        gap: var(--_space);
      }
      [role='listbox'] {
        list-style: none;
        margin: 0;
        padding: calc(var(--_space) * 0.5);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_surface);
        max-block-size: 12rem;
        overflow: auto;
      }
      [role='option'] {
        padding: calc(var(--_space) * 0.5) var(--_space);
        border-radius: calc(var(--_radius) * 0.5);
        cursor: pointer;
      }
      [role='option'][aria-selected='true'] {
        background: var(--_accent-soft);
      }
    `,
  ];

  @property() thread = '';
  @property({ attribute: false }) parentId: Id | null = null;
  /** Set to edit an existing comment: its id and text. */
  @property({ attribute: false }) editing: Comment | null = null;
  /** Name of the author replied to, for the label. */
  @property({ attribute: false }) replyToName: string | null = null;
  @property({ attribute: false }) participants: Member[] = [];
  @property({ type: Number }) maxLength = 5000;

  @state() private body = '';
  @state() private previewing = false;
  @state() private sending = false;
  @state() private problem: LocalizedError | null = null;
  @state() private mention: { query: string; active: number } | null = null;
  @query('textarea') private textarea?: HTMLTextAreaElement;
  #key: string | null = null;

  constructor() {
    super();
    this.localize.use(composerWords);
  }

  get #storageKey(): string {
    // Per viewer too: on a shared computer the next person never sees (or sends) someone else's draft.
    const viewer = this.community.value?.viewer?.id ?? 'guest';
    return `majlis-draft:${viewer}:${this.thread}:${this.editing ? `edit:${this.editing.id}` : (this.parentId ?? 'top')}`;
  }

  /** Back online after a send failed offline: send again, with the same key. */
  readonly #onOnline = () => {
    if (this.problem?.offline && this.body.trim()) void this.#submit();
  };

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('online', this.#onOnline);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('online', this.#onOnline);
    const draft = readDraft(this.#storageKey);
    if (draft) {
      this.body = draft.body;
      this.#key = draft.key;
    } else if (this.editing) this.body = this.editing.body;
  }

  override focus(): void {
    void this.updateComplete.then(() => this.textarea?.focus());
  }

  #input(event: Event): void {
    const area = event.target as HTMLTextAreaElement;
    this.body = area.value;
    this.problem = null;
    this.#key ??= newIdempotencyKey();
    writeDraft(this.#storageKey, this.body.trim() ? { body: this.body, key: this.#key } : null);
    const match = MENTION.exec(area.value.slice(0, area.selectionStart));
    this.mention = match && this.#suggestions(match[1]!).length ? { query: match[1]!, active: 0 } : null;
  }

  #suggestions(query: string): Member[] {
    const q = query.toLocaleLowerCase();
    return this.participants.filter((m) => m.name.toLocaleLowerCase().replace(/\s+/g, '_').includes(q)).slice(0, 6);
  }

  #pick(member: Member): void {
    const area = this.textarea;
    if (!area) return;
    const before = area.value.slice(0, area.selectionStart).replace(MENTION, `@${member.name.replace(/\s+/g, '_')} `);
    const after = area.value.slice(area.selectionStart);
    this.body = before + after;
    area.value = this.body;
    area.setSelectionRange(before.length, before.length);
    this.mention = null;
    writeDraft(this.#storageKey, { body: this.body, key: (this.#key ??= newIdempotencyKey()) });
    area.focus();
  }

  #keydown(event: KeyboardEvent): void {
    if (this.mention) {
      const options = this.#suggestions(this.mention.query);
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        this.mention = { ...this.mention, active: (this.mention.active + step + options.length) % options.length };
        return;
      }
      if ((event.key === 'Enter' || event.key === 'Tab') && options[this.mention.active]) {
        event.preventDefault();
        this.#pick(options[this.mention.active]!);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        this.mention = null;
        return;
      }
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void this.#submit();
    } else if (event.key === 'Escape' && (this.editing || this.parentId)) {
      // Escape closes, but keeps the draft: only the Cancel button throws text away.
      this.dispatchEvent(new Event('cancel'));
    }
  }

  async #submit(event?: Event): Promise<void> {
    event?.preventDefault();
    const adapter = this.community.value?.adapter;
    if (!adapter || this.sending || !this.body.trim() || length(this.body) > this.maxLength) return;
    const comments = requireCapability(adapter, 'comments', 'majlis-comments');
    const key = (this.#key ??= newIdempotencyKey());
    writeDraft(this.#storageKey, { body: this.body, key });
    this.sending = true;
    this.problem = null;
    try {
      const saved = this.editing
        ? await comments.edit(this.editing.id, this.body, { idempotencyKey: key })
        : await comments.post({ thread: this.thread, body: this.body, parentId: this.parentId }, { idempotencyKey: key });
      // Accepted: only now is the draft let go.
      writeDraft(this.#storageKey, null);
      this.#key = null;
      this.body = '';
      this.previewing = false;
      this.emit(this.editing ? new MajlisCommentEditedEvent(saved) : new MajlisCommentPostedEvent(saved));
    } catch (error) {
      this.problem = this.localize.l.error(error);
      this.focus();
    } finally {
      this.sending = false;
    }
  }

  #cancel(): void {
    writeDraft(this.#storageKey, null);
    this.#key = null;
    this.dispatchEvent(new Event('cancel'));
  }

  protected override render() {
    const l = this.localize.l;
    const words = this.localize.words(composerWords);
    const count = length(this.body);
    const over = count - this.maxLength;
    const label = this.editing ? words.editLabel : this.replyToName ? fill(words.replyLabel, { name: this.replyToName }) : words.label;
    const suggestions = this.mention ? this.#suggestions(this.mention.query) : [];
    const blocked = this.sending || !this.body.trim() || over > 0;
    return html`<form part="composer" @submit=${this.#submit} aria-label=${label} dir=${this.localize.dir}>
      <div class="tabs">
        <button type="button" aria-pressed=${!this.previewing ? 'true' : 'false'} @click=${() => (this.previewing = false)}>${words.write}</button>
        <button type="button" aria-pressed=${this.previewing ? 'true' : 'false'} @click=${() => (this.previewing = true)}>${words.preview}</button>
      </div>
      ${this.previewing
        ? html`<div part="preview" class="preview" aria-live="polite">${this.body.trim() ? renderUserText(this.localize.words(userTextWords), this.body) : words.previewEmpty}</div>`
        : html`<textarea
              part="input"
              class="field"
              dir="auto"
              aria-label=${label}
              placeholder=${words.placeholder}
              .value=${this.body}
              aria-autocomplete="list"
              aria-controls="mentions"
              aria-activedescendant=${ifDefined(suggestions.length ? `mention-${this.mention!.active}` : undefined)}
              aria-describedby="hints counter"
              aria-invalid=${over > 0 || this.problem ? 'true' : 'false'}
              @input=${this.#input}
              @keydown=${this.#keydown}
            ></textarea>
            <ul id="mentions" role="listbox" aria-label=${words.mentionSuggestions} ?hidden=${!suggestions.length}>
              ${suggestions.map(
                (m, i) => html`<li id="mention-${i}" role="option" aria-selected=${i === this.mention?.active ? 'true' : 'false'} @mousedown=${(e: Event) => (e.preventDefault(), this.#pick(m))}>
                  ${renderPlainText(m.name)}
                </li>`,
              )}
            </ul>`}
      ${this.problem ? html`<p part="problem" class="problem" role="alert">${this.problem.message} ${this.body.trim() && !this.problem.offline ? words.draftKept : ''}</p>` : nothing}
      ${over > 0 ? html`<p class="problem" role="alert">${fill(words.tooLong, { n: l.number(over) })}</p>` : nothing}
      <div class="row">
        <p id="hints" class="hints">${words.hints}</p>
        <p id="counter" class="counter ${over > 0 ? 'over' : ''}">${fill(words.counter, { n: l.number(count), max: l.number(this.maxLength) })}</p>
      </div>
      <div class="actions">
        <button part="send-button" class="primary" type="submit" aria-disabled=${blocked ? 'true' : 'false'}>
          ${this.sending ? words.sending : this.editing ? words.save : this.parentId ? words.sendReply : words.send}
        </button>
        ${this.editing || this.parentId ? html`<button part="cancel-button" class="secondary" type="button" @click=${this.#cancel}>${words.cancel}</button>` : nothing}
      </div>
    </form>`;
  }
}

function readDraft(key: string): Draft | null {
  try {
    const raw = globalThis.localStorage?.getItem(key);
    const draft = raw ? (JSON.parse(raw) as Draft) : null;
    return draft && typeof draft.body === 'string' && typeof draft.key === 'string' ? draft : null;
  } catch {
    return null;
  }
}

function writeDraft(key: string, draft: Draft | null): void {
  try {
    if (draft) globalThis.localStorage?.setItem(key, JSON.stringify(draft));
    else globalThis.localStorage?.removeItem(key);
  } catch {
    // Storage blocked or full: the draft still lives in the page.
  }
}
