import { MajlisCommentCount } from '../components/comment-count/comment-count.js';

MajlisCommentCount.define('majlis-comment-count');

declare global {
  interface HTMLElementTagNameMap {
    'majlis-comment-count': MajlisCommentCount;
  }
}

export { MajlisCommentCount };
