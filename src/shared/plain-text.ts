import { html, type TemplateResult } from 'lit';
import { neutralizeText } from './text.js';

/** A name or title: plain text, neutralized, isolated so right-to-left names don't reorder what follows. */
export function renderPlainText(text: string): TemplateResult {
  return html`<bdi>${neutralizeText(text)}</bdi>`;
}
