import { css } from 'lit';

export const badgesStyles = css`
  [part~='base'] {
    display: grid;
    gap: calc(var(--_space) * 2);
  }
  h3 {
    margin: 0;
    font-size: 1em;
    color: var(--_muted);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space);
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 14rem), 1fr));
  }
  [part~='badge'] {
    display: grid;
    gap: calc(var(--_space) * 0.5);
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .name {
    font-weight: 700;
  }
  .tier {
    justify-self: start;
    font-size: 0.75em;
    font-weight: 700;
    padding: 0.1em 0.6em;
    border-radius: 999px;
    border: 1px solid var(--_border);
  }
  .how,
  .when {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875em;
  }
  progress {
    inline-size: 100%;
    block-size: 0.5rem;
    accent-color: var(--_accent);
  }
  /* Not yet earned: a dashed outline (no fading: the text must keep its contrast). */
  .unearned {
    border-style: dashed;
    background: var(--_raised);
  }
`;
