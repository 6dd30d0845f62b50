import { MajlisBadges } from '../components/badges/badges.js';

MajlisBadges.define('majlis-badges');

declare global {
  interface HTMLElementTagNameMap {
    'majlis-badges': MajlisBadges;
  }
}

export { MajlisBadges };
