import { MajlisCommunity } from '../components/community/community.js';

MajlisCommunity.define('majlis-community');

declare global {
  interface HTMLElementTagNameMap {
    'majlis-community': MajlisCommunity;
  }
}

export { MajlisCommunity };
