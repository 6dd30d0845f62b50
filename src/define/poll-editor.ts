import { MajlisPollEditor } from '../components/poll-editor/poll-editor.js';

MajlisPollEditor.define('majlis-poll-editor');

declare global {
  interface HTMLElementTagNameMap {
    'majlis-poll-editor': MajlisPollEditor;
  }
}

export { MajlisPollEditor };
