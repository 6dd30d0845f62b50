import { MajlisCommentComposer } from '../components/comments/composer.js';

/** Internal to <majlis-comments>, which loads it only when the viewer can write. */
MajlisCommentComposer.define('majlis-comment-composer');

declare global {
  interface HTMLElementTagNameMap {
    'majlis-comment-composer': MajlisCommentComposer;
  }
}

export { MajlisCommentComposer };
