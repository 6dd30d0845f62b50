import { css, html, nothing, type TemplateResult } from 'lit';
import type { LocalizedError, Localizer } from '../i18n/localizer.js';
import { cssProperties } from './css-properties.js';

/**
 * The loading, empty, error and offline states every element shows, drawn one way everywhere.
 * The loading placeholder reserves the height the content will take, so nothing shifts when it lands.
 * The reserved height is set through CSSOM (never as style attribute text), which a strict CSP allows.
 */
export function renderLoading(l: Localizer, reservedHeight = '6rem'): TemplateResult {
  return html`<div part="loading" class="state state-loading" role="status" aria-live="polite" ${cssProperties({ 'min-block-size': reservedHeight })}>
    <span class="skeleton" aria-hidden="true"></span><span class="skeleton short" aria-hidden="true"></span>
    <span class="visually-hidden">${l.t('loading')}</span>
  </div>`;
}

/** While `retrying`, the block stays (busy) and the button stays focusable but inactive, so keyboard focus is not lost. */
export function renderError(l: Localizer, error: LocalizedError, retry?: () => void, retrying = false): TemplateResult {
  return html`<div part="error" class="state state-error ${error.offline ? 'offline' : ''}" role="alert" aria-busy=${retrying ? 'true' : 'false'}>
    <p part="error-message">${error.offline ? l.t('offlineRetrying') : error.message}</p>
    ${retry
      ? html`<button part="retry-button" type="button" aria-disabled=${retrying ? 'true' : 'false'} @click=${retry}>${retrying ? l.t('loading') : l.t('retry')}</button>`
      : nothing}
  </div>`;
}

export function renderEmpty(content: unknown): TemplateResult {
  return html`<div part="empty" class="state state-empty">${content}</div>`;
}

export const stateStyles = css`
  .state {
    padding: calc(var(--_space) * 2);
    border-radius: var(--_radius);
  }
  .state-loading {
    display: grid;
    align-content: start;
    gap: var(--_space);
  }
  .skeleton {
    display: block;
    block-size: 1rem;
    border-radius: var(--_radius);
    background: var(--_raised);
    animation: majlis-pulse 1.4s ease-in-out infinite;
  }
  .skeleton.short {
    inline-size: 60%;
  }
  @keyframes majlis-pulse {
    50% {
      opacity: 0.5;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
  }
  .state-error {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    border: 1px solid var(--_danger);
    color: var(--_text);
    background: var(--_surface);
  }
  .state-error.offline {
    border-color: var(--_warning);
  }
  .state-error p {
    margin: 0;
    flex: 1 1 16rem;
  }
  .state-empty {
    color: var(--_muted);
    text-align: center;
    background: var(--_raised);
  }
  [part='retry-button'] {
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_on-accent);
    padding: calc(var(--_space) * 0.75) calc(var(--_space) * 1.5);
  }
`;
