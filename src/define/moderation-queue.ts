import { MajlisModerationQueue } from '../components/moderation-queue/moderation-queue.js';

MajlisModerationQueue.define('majlis-moderation-queue');

declare global {
  interface HTMLElementTagNameMap {
    'majlis-moderation-queue': MajlisModerationQueue;
  }
}

export { MajlisModerationQueue };
