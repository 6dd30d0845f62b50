import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { requireCapability } from '../../core/capability.js';
import { newIdempotencyKey } from '../../core/ids.js';
import { REPORT_REASONS, type Report, type ReportReason, type TargetRef } from '../../core/types.js';
import { MajlisReportOutcomeEvent, MajlisReportSubmittedEvent } from '../../events/report-submitted.js';
import { MajlisSignInRequestEvent } from '../../events/sign-in-request.js';
import { fill, type LocalizedError } from '../../i18n/localizer.js';
import { DataController } from '../../shared/data-controller.js';
import { MajlisElement } from '../../shared/element.js';
import { LiveController } from '../../shared/live-controller.js';
import { neutralizeText } from '../../shared/text.js';
import { LINK_REL, guardUrl } from '../../shared/url-guard.js';
import { controlStyles } from '../../styles/controls.js';
import { baseStyles } from '../../styles/tokens.js';
import { reportButtonStyles } from './report-button.styles.js';
import { reportWords } from './report-button.messages.js';

const TAG = 'majlis-report-button';

/**
 * @tagname majlis-report-button
 * @summary Report a comment, member or poll: a dialog with the reasons, a note, and the site's
 * guidelines; one report per member and target; the reporter later sees the moderators' decision.
 *
 * @csspart button - The Report button (shows "Reported" afterwards).
 * @csspart dialog - The report dialog.
 * @csspart reason - One reason with its explanation.
 * @csspart note - The note for the moderators.
 * @csspart send-button - Sends the report.
 * @csspart status - The state of the viewer's report (waiting, upheld, dismissed).
 *
 * @cssstate reported - The viewer has reported this target.
 *
 * @fires majlis-report-submitted - The report was received. `event.report`.
 * @fires majlis-report-outcome - A moderator decided on the viewer's report. `event.status`: `upheld` or `dismissed`.
 * @fires majlis-sign-in-request - A guest pressed Report.
 */
export class MajlisReportButton extends MajlisElement {
  static override styles = [baseStyles, controlStyles, reportButtonStyles];

  /** What to report: `comment:<id>`, `member:<id>` or `poll:<id>`. Required. */
  @property({ reflect: true }) target = '';

  @state() private mine: Report | null = null;
  @state() private reason: ReportReason | null = null;
  @state() private note = '';
  @state() private sending = false;
  @state() private problem: LocalizedError | { message: string } | null = null;
  @state() private thanks = false;
  @query('dialog') private dialog?: HTMLDialogElement;
  #key = newIdempotencyKey();

  readonly #data = new DataController(this, {
    args: () => [this.target] as const,
    load: async ([target], { adapter, community, signal }) => {
      if (!community.viewer || !adapter.reports) return null;
      const page = await adapter.reports.mine({ target: target as TargetRef, limit: 1 }, { signal });
      this.mine = page.items[0] ?? null;
      return this.mine;
    },
  });

  constructor() {
    super();
    this.localize.use(reportWords);
    new LiveController(
      this,
      () => (this.community.value?.viewer ? `member:${this.community.value.viewer.id}` : null),
      (event) => {
        if (event.type === 'report.decided' && event.target === this.target && this.mine) {
          this.mine = { ...this.mine, status: event.status, ...(event.reason && { decisionReason: event.reason }) };
          this.emit(new MajlisReportOutcomeEvent(event.reportId, event.status, event.reason ?? ''));
        }
      },
    );
  }

  /** Back online after sending failed offline: send again, with the same key (unless the dialog was closed meanwhile). */
  readonly #onOnline = () => {
    if (this.dialog?.open && this.problem && 'offline' in this.problem && this.problem.offline) void this.#send();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('online', this.#onOnline);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('online', this.#onOnline);
  }

  protected override updated(): void {
    this.setState('reported', !!this.mine);
  }

  /** Opens the report dialog (for a guest: asks the host site to sign them in). */
  open(): void {
    if (!this.community.value?.viewer) {
      this.emit(new MajlisSignInRequestEvent('report'));
      return;
    }
    if (this.mine) return;
    this.problem = null;
    this.thanks = false;
    void this.updateComplete.then(() => this.dialog?.showModal());
  }

  #close(): void {
    this.dialog?.close();
  }

  async #send(event?: Event): Promise<void> {
    event?.preventDefault();
    const words = this.localize.words(reportWords);
    if (!this.reason) {
      this.problem = { message: words.chooseReason };
      return;
    }
    if (this.sending) return;
    this.sending = true;
    try {
      const reports = requireCapability(this.community.value!.adapter, 'reports', TAG);
      const report = await reports.submit({ target: this.target as TargetRef, reason: this.reason, ...(this.note.trim() && { note: this.note.trim() }) }, { idempotencyKey: this.#key });
      this.mine = report;
      this.thanks = true;
      this.problem = null;
      this.#key = newIdempotencyKey();
      this.emit(new MajlisReportSubmittedEvent(report));
    } catch (error) {
      this.problem = this.localize.l.error(error);
    } finally {
      this.sending = false;
    }
  }

  protected override render() {
    const words = this.localize.words(reportWords);
    // The host's own link, so a path on the host site (`/rules`) counts: resolve it against the page first.
    const href = this.community.value?.guidelinesHref;
    const guidelines = href ? guardUrl(URL.canParse(href, document.baseURI) ? new URL(href, document.baseURI).href : href) : null;
    const outcome = this.mine ? (this.mine.status === 'upheld' ? words.upheld : this.mine.status === 'dismissed' ? words.dismissed : words.pending) : '';
    const status = this.mine?.decisionReason ? `${outcome} ${fill(words.theirReason, { reason: neutralizeText(this.mine.decisionReason) })}` : outcome;
    const noteNeeded = this.reason === 'other';
    return html`<span dir=${this.localize.dir}>
      <button part="button" class="quiet" type="button" aria-busy=${this.#data.status === 'loading' ? 'true' : 'false'} aria-disabled=${this.mine ? 'true' : 'false'} aria-describedby=${this.mine ? 'status' : ''} @click=${() => this.open()}>
        ${this.mine ? words.reported : words.report}
      </button>
      ${this.mine && !this.thanks ? html`<span part="status" id="status" role="status">${status}</span>` : nothing}
      <dialog part="dialog" aria-labelledby="title" @close=${() => (this.thanks = false)}>
        ${this.thanks
          ? html`<div class="done"><p role="status">${words.thanks}</p><div class="actions"><button class="primary" type="button" autofocus @click=${() => this.#close()}>OK</button></div></div>`
          : html`<form @submit=${this.#send}>
              <h2 id="title">${words.title}</h2>
              <p>${words.intro}</p>
              <fieldset>
                <legend>${words.reason}</legend>
                ${REPORT_REASONS.map((r) => {
                  const [label, how] = words.reasons[r] ?? [r, ''];
                  return html`<label part="reason" class="reason">
                    <input type="radio" name="reason" .value=${r} .checked=${this.reason === r} @change=${() => ((this.reason = r), (this.problem = null))} />
                    <span>${label}</span><small>${how}</small>
                  </label>`;
                })}
              </fieldset>
              <label>
                ${noteNeeded ? words.note : words.noteOptional}
                <textarea part="note" maxlength="1000" dir="auto" ?required=${noteNeeded} .value=${this.note} @input=${(e: Event) => (this.note = (e.target as HTMLTextAreaElement).value)}></textarea>
              </label>
              ${guidelines ? html`<a href=${guidelines.href} rel=${LINK_REL} target="_blank">${words.guidelines}</a>` : nothing}
              ${this.problem ? html`<p class="problem" role="alert">${this.problem.message}</p>` : nothing}
              <div class="actions">
                <button part="send-button" class="primary" type="submit" aria-disabled=${this.sending ? 'true' : 'false'}>${this.sending ? words.sending : words.send}</button>
                <button class="secondary" type="button" @click=${() => this.#close()}>${words.cancel}</button>
              </div>
            </form>`}
      </dialog>
    </span>`;
  }
}
