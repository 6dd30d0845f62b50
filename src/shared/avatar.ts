import { css, html, type TemplateResult } from 'lit';
import { cssProperties } from './css-properties.js';
import { hueOf, initials } from './members.js';
import { neutralizeText } from './text.js';
import { guardUrl } from './url-guard.js';

/** A member's picture (through the URL guard), or their initials on a colour from their id (set through CSSOM: a strict CSP allows it). */
export function renderAvatar(id: string, name: string, avatarUrl: string | null | undefined): TemplateResult {
  const picture = avatarUrl ? guardUrl(avatarUrl) : null;
  return picture
    ? html`<img part="avatar" class="avatar" src=${picture.href} alt="" loading="lazy" referrerpolicy="no-referrer" />`
    : html`<span part="avatar" class="avatar initials" ${cssProperties({ '--_hue': String(hueOf(id)) })} aria-hidden="true">${initials(neutralizeText(name))}</span>`;
}

export const avatarStyles = css`
  .avatar {
    inline-size: var(--_avatar, 2rem);
    block-size: var(--_avatar, 2rem);
    border-radius: 50%;
    flex: none;
    object-fit: cover;
  }
  .initials {
    display: inline-grid;
    place-items: center;
    font-size: calc(var(--_avatar, 2rem) * 0.4);
    font-weight: 600;
    color: #fff;
    /* 30% lightness keeps white initials at 5:1 or more on every hue. */
    background: hsl(var(--_hue, 210) 50% 30%);
  }
`;
