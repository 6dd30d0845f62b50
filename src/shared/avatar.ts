import { css, html, type TemplateResult } from 'lit';
import { hueOf, initials } from './members.js';
import { neutralizeText } from './text.js';
import { guardUrl } from './url-guard.js';

/** A member's picture (through the URL guard), or their initials on a colour from their id. */
export function renderAvatar(id: string, name: string, avatarUrl: string | null | undefined): TemplateResult {
  const picture = avatarUrl ? guardUrl(avatarUrl) : null;
  return picture
    ? html`<img part="avatar" class="avatar" src=${picture.href} alt="" loading="lazy" referrerpolicy="no-referrer" />`
    : html`<span part="avatar" class="avatar initials" data-hue=${hueOf(id) % 12} aria-hidden="true">${initials(neutralizeText(name))}</span>`;
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
  .initials[data-hue='0'] { --_hue: 0; }
  .initials[data-hue='1'] { --_hue: 30; }
  .initials[data-hue='2'] { --_hue: 60; }
  .initials[data-hue='3'] { --_hue: 90; }
  .initials[data-hue='4'] { --_hue: 120; }
  .initials[data-hue='5'] { --_hue: 150; }
  .initials[data-hue='6'] { --_hue: 180; }
  .initials[data-hue='7'] { --_hue: 210; }
  .initials[data-hue='8'] { --_hue: 240; }
  .initials[data-hue='9'] { --_hue: 270; }
  .initials[data-hue='10'] { --_hue: 300; }
  .initials[data-hue='11'] { --_hue: 330; }
`;
