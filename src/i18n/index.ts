export { Localizer, localizer, registerMessages, registerMessagesLoader, messagesFor, messagesReady, onMessagesLoaded, type LocalizedError } from './localizer.js';
export type { Messages, PluralForms, ErrorReason } from './messages.js';
export { en } from './en.js';
export { ar } from './ar.js';
