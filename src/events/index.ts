export { MajlisViewerChangeEvent } from './viewer-change.js';
