import { MajlisComments } from '../components/comments/comments.js';

MajlisComments.define('majlis-comments');

declare global {
  interface HTMLElementTagNameMap {
    'majlis-comments': MajlisComments;
  }
}

export { MajlisComments };
