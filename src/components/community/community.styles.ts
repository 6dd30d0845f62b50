import { css } from 'lit';

export const communityStyles = css`
  :host {
    background: transparent;
  }
  [part='base'] {
    display: contents;
  }
`;
