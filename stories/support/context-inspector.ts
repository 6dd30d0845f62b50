import { css, html } from 'lit';
import { MajlisElement } from '../../src/shared/element.js';
import { baseStyles } from '../../src/styles/tokens.js';

/** Story-only: shows what <majlis-community> gives the elements inside it. */
export class MajlisStoryContext extends MajlisElement {
  static override styles = [
    baseStyles,
    css`
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: calc(var(--_space) * 0.5) calc(var(--_space) * 2);
        margin: 0;
        padding: calc(var(--_space) * 2);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_surface);
      }
      dt {
        color: var(--_muted);
      }
      dd {
        margin: 0;
      }
    `,
  ];

  protected override render() {
    const community = this.community.value;
    const l = this.localize.l;
    const viewer = community?.viewer;
    return html`<dl part="base" dir=${this.localize.dir}>
      <dt>Adapter</dt><dd>${community?.adapter.name ?? l.t('loading')}${community?.demo ? ' (demo)' : ''}</dd>
      <dt>Viewer</dt><dd>${viewer === undefined ? l.t('loading') : viewer ? `${viewer.name} · ${l.messages.trust[viewer.trustLevel]} · ${l.plural('points', viewer.points)}` : l.t('signInPrompt')}</dd>
      <dt>Theme</dt><dd>${this.community.theme}</dd>
      <dt>Language</dt><dd>${l.messages.$name} (${this.localize.lang}, ${this.localize.dir})</dd>
    </dl>`;
  }
}
MajlisStoryContext.define('majlis-story-context');
