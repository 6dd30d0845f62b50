import { MajlisPoll } from '../components/poll/poll.js';

MajlisPoll.define('majlis-poll');

declare global {
  interface HTMLElementTagNameMap {
    'majlis-poll': MajlisPoll;
  }
}

export { MajlisPoll };
