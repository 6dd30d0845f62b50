import { MajlisLeaderboard } from '../components/leaderboard/leaderboard.js';

MajlisLeaderboard.define('majlis-leaderboard');

declare global {
  interface HTMLElementTagNameMap {
    'majlis-leaderboard': MajlisLeaderboard;
  }
}

export { MajlisLeaderboard };
