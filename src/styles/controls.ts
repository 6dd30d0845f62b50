import { css } from 'lit';

/** Buttons and text fields, drawn one way in every element. */
export const controlStyles = css`
  .primary,
  .secondary {
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 0.75) calc(var(--_space) * 2);
  }
  .primary {
    border: none;
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  .primary[aria-disabled='true'] {
    opacity: 0.6;
  }
  .secondary {
    border: 1px solid var(--_border);
    background: var(--_surface);
  }
  .quiet {
    justify-self: start;
    border: none;
    background: none;
    padding: calc(var(--_space) * 0.5) 0;
    min-block-size: 2rem;
    color: var(--_accent);
    font-size: 0.875em;
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }
  .field {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
`;

/** A period switcher: a row of pill buttons, the chosen one `aria-pressed` (leaderboard, insights). */
export const periodStyles = css`
  .periods {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5);
  }
  .periods button {
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_surface);
    padding: calc(var(--_space) * 0.5) calc(var(--_space) * 1.5);
  }
  .periods button[aria-pressed='true'] {
    border-color: var(--_accent);
    background: var(--_accent-soft);
    font-weight: 600;
  }
`;
