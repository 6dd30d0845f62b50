import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { requireCapability } from '../../core/capability.js';
import { isAdapterError } from '../../core/errors.js';
import { newIdempotencyKey } from '../../core/ids.js';
import { isModeratorRole } from '../../core/roles.js';
import type { PollKind, PollResultsRule } from '../../core/types.js';
import { MajlisPollCreatedEvent } from '../../events/poll-created.js';
import { fill } from '../../i18n/localizer.js';
import { MajlisElement } from '../../shared/element.js';
import { controlStyles } from '../../styles/controls.js';
import { baseStyles } from '../../styles/tokens.js';
import { pollEditorWords, type PollEditorWords } from './poll-editor.messages.js';
import { pollEditorStyles } from './poll-editor.styles.js';

type Field = 'question' | 'options' | 'range' | 'closesAt' | 'form';
const MAX_OPTIONS = 20;

/**
 * @tagname majlis-poll-editor
 * @summary For moderators: write a poll (question, 2–20 options, kind, choices, results rule, close
 * date) and create it; `majlis-poll-created` gives its id, to embed with `<majlis-poll poll="…">`.
 *
 * @csspart form - The editor form.
 * @csspart question - The question field.
 * @csspart option - One option's text field.
 * @csspart add-option - Adds an option.
 * @csspart create-button - Creates the poll.
 * @csspart error - A validation or server message.
 * @csspart not-allowed - Shown to everyone but moderators and admins.
 *
 * @fires majlis-poll-created - The poll was created. `event.pollId`, `event.poll`.
 */
export class MajlisPollEditor extends MajlisElement {
  static override styles = [baseStyles, controlStyles, pollEditorStyles];

  @state() private question = '';
  @state() private options: string[] = ['', ''];
  @state() private kind: PollKind = 'single';
  @state() private min = 1;
  @state() private max = 2;
  @state() private results: PollResultsRule = 'always';
  @state() private closesAt = '';
  @state() private allowChange = true;
  @state() private allowAnonymous = false;
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private sending = false;
  @state() private done = '';
  /** One key per intended poll: a retried create never makes two polls. */
  #key = newIdempotencyKey();

  constructor() {
    super();
    this.localize.use(pollEditorWords);
  }

  #validate(words: PollEditorWords): Partial<Record<Field, string>> {
    const errors: Partial<Record<Field, string>> = {};
    if (!this.question.trim()) errors.question = words.needQuestion;
    const options = this.options.map((o) => o.trim());
    if (options.length < 2 || options.length > MAX_OPTIONS || options.some((o) => !o)) errors.options = words.needOptions;
    const seen = new Set<string>();
    options.forEach((o, i) => {
      const folded = o.toLocaleLowerCase();
      if (o && seen.has(folded)) errors.options ??= fill(words.duplicate, { n: this.localize.l.number(i + 1) });
      seen.add(folded);
    });
    if (this.kind === 'multiple' && !(this.min >= 1 && this.min <= this.max && this.max <= options.length)) errors.range = words.range;
    if (this.closesAt && Date.parse(this.closesAt) <= (this.community.value?.now() ?? Date.now())) errors.closesAt = words.past;
    return errors;
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    const words = this.localize.words(pollEditorWords);
    this.errors = this.#validate(words);
    this.done = '';
    const first = Object.keys(this.errors)[0];
    if (first) {
      await this.updateComplete;
      (this.renderRoot.querySelector(`[data-field="${first}"]`) as HTMLElement | null)?.focus();
      return;
    }
    const adapter = this.community.value?.adapter;
    if (!adapter || this.sending) return;
    this.sending = true;
    try {
      const poll = await requireCapability(adapter, 'polls', 'majlis-poll-editor').create(
        {
          question: this.question.trim(),
          options: this.options.map((o) => o.trim()),
          kind: this.kind,
          ...(this.kind === 'multiple' && { minChoices: this.min, maxChoices: this.max }),
          results: this.results,
          allowChange: this.allowChange,
          allowAnonymous: this.allowAnonymous,
          closesAt: this.closesAt ? new Date(this.closesAt).toISOString() : null,
        },
        { idempotencyKey: this.#key },
      );
      this.#key = newIdempotencyKey();
      this.question = '';
      this.options = ['', ''];
      this.done = words.created;
      this.emit(new MajlisPollCreatedEvent(poll));
    } catch (error) {
      const message = this.localize.l.error(error).message;
      const field = isAdapterError(error) ? error.field ?? '' : '';
      this.errors = { [field.startsWith('option') ? 'options' : field === 'question' ? 'question' : field === 'closesAt' ? 'closesAt' : 'form']: message };
    } finally {
      this.sending = false;
    }
  }

  #move(i: number, by: number): void {
    const options = [...this.options];
    const [item] = options.splice(i, 1);
    options.splice(i + by, 0, item!);
    this.options = options;
    void this.updateComplete.then(() => (this.renderRoot.querySelector(`[data-move="${i + by}:${by}"]`) as HTMLElement | null)?.focus());
  }

  protected override render() {
    const l = this.localize.l;
    const words = this.localize.words(pollEditorWords);
    const viewer = this.community.value?.viewer;
    if (viewer === undefined) return nothing;
    if (!isModeratorRole(viewer?.roles))
      return html`<p part="not-allowed" dir=${this.localize.dir}>${words.notAllowed}</p>`;
    const error = (field: Field) => (this.errors[field] ? html`<p part="error" class="error" id="error-${field}">${this.errors[field]}</p>` : nothing);
    const n = (i: number) => l.number(i + 1);
    return html`<form part="form" dir=${this.localize.dir} @submit=${this.#submit} novalidate aria-labelledby="title">
      <h2 id="title">${words.title}</h2>
      <label>
        <span class="label">${words.question}</span>
        <input part="question" type="text" data-field="question" maxlength="300" dir="auto" .value=${this.question}
          aria-invalid=${this.errors.question ? 'true' : 'false'} aria-describedby=${this.errors.question ? 'error-question' : ''}
          @input=${(e: Event) => (this.question = (e.target as HTMLInputElement).value)} />
      </label>
      ${error('question')}
      <fieldset aria-describedby=${this.errors.options ? 'error-options' : ''}>
        <legend>${words.options}</legend>
        <ol>
          ${this.options.map(
            (option, i) => html`<li class="row">
              <input part="option" type="text" maxlength="120" dir="auto" data-field=${i === 0 ? 'options' : ''} aria-label=${fill(words.option, { n: n(i) })} .value=${option}
                aria-invalid=${this.errors.options && !option.trim() ? 'true' : 'false'}
                @input=${(e: Event) => (this.options = this.options.map((o, j) => (j === i ? (e.target as HTMLInputElement).value : o)))} />
              <button class="icon" type="button" data-move="${i}:-1" aria-label=${fill(words.moveUp, { n: n(i) })} ?disabled=${i === 0} @click=${() => this.#move(i, -1)}>↑</button>
              <button class="icon" type="button" data-move="${i}:1" aria-label=${fill(words.moveDown, { n: n(i) })} ?disabled=${i === this.options.length - 1} @click=${() => this.#move(i, 1)}>↓</button>
              <button class="icon" type="button" aria-label=${fill(words.remove, { n: n(i) })} ?disabled=${this.options.length <= 2} @click=${() => (this.options = this.options.filter((_, j) => j !== i))}>×</button>
            </li>`,
          )}
        </ol>
        ${error('options')}
        ${this.options.length < MAX_OPTIONS
          ? html`<button part="add-option" class="secondary" type="button" @click=${async () => {
              this.options = [...this.options, ''];
              await this.updateComplete;
              ([...this.renderRoot.querySelectorAll('[part="option"]')].at(-1) as HTMLElement | undefined)?.focus();
            }}>${words.addOption}</button>`
          : nothing}
      </fieldset>
      <div class="inline">
        <label>
          <span class="label">${words.kind}</span>
          <select .value=${this.kind} @change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value as PollKind)}>
            <option value="single" ?selected=${this.kind === 'single'}>${words.single}</option>
            <option value="multiple" ?selected=${this.kind === 'multiple'}>${words.multiple}</option>
          </select>
        </label>
        ${this.kind === 'multiple'
          ? html`<label><span class="label">${words.min}</span><input type="number" data-field="range" min="1" .value=${String(this.min)} @input=${(e: Event) => (this.min = Number((e.target as HTMLInputElement).value))} /></label>
              <label><span class="label">${words.max}</span><input type="number" min="1" .value=${String(this.max)} @input=${(e: Event) => (this.max = Number((e.target as HTMLInputElement).value))} /></label>`
          : nothing}
        <label>
          <span class="label">${words.results}</span>
          <select .value=${this.results} @change=${(e: Event) => (this.results = (e.target as HTMLSelectElement).value as PollResultsRule)}>
            <option value="always">${words.resultsAlways}</option>
            <option value="after-vote">${words.resultsAfterVote}</option>
            <option value="after-close">${words.resultsAfterClose}</option>
            <option value="moderators">${words.resultsModerators}</option>
          </select>
        </label>
        <label>
          <span class="label">${words.closesAt}</span>
          <input type="datetime-local" data-field="closesAt" .value=${this.closesAt} aria-invalid=${this.errors.closesAt ? 'true' : 'false'} @input=${(e: Event) => (this.closesAt = (e.target as HTMLInputElement).value)} />
        </label>
      </div>
      ${error('range')} ${error('closesAt')}
      <label class="check"><input type="checkbox" .checked=${this.allowChange} @change=${(e: Event) => (this.allowChange = (e.target as HTMLInputElement).checked)} /> ${words.allowChange}</label>
      <label class="check"><input type="checkbox" .checked=${this.allowAnonymous} @change=${(e: Event) => (this.allowAnonymous = (e.target as HTMLInputElement).checked)} /> ${words.allowAnonymous}</label>
      ${error('form')}
      <button part="create-button" class="primary" type="submit" aria-disabled=${this.sending ? 'true' : 'false'}>${this.sending ? words.creating : words.create}</button>
      <p role="status" class="visually-hidden">${this.done}</p>
    </form>`;
  }
}
