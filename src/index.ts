/** The whole library: registers every element and exports the classes, the contract and the shared pieces. */
import './define/community.js';
import './define/comment-count.js';
import './define/comments.js';
import './define/poll.js';
import './define/member.js';
import './define/leaderboard.js';

export { MajlisCommunity } from './components/community/community.js';
export { MajlisCommentCount } from './components/comment-count/comment-count.js';
export { MajlisComments } from './components/comments/comments.js';
export { MajlisPoll } from './components/poll/poll.js';
export { MajlisMember } from './components/member/member.js';
export { MajlisLeaderboard } from './components/leaderboard/leaderboard.js';
export * from './core/index.js';
export * from './events/index.js';
export { communityContext, type Community, type Theme } from './shared/context.js';
export { MajlisElement } from './shared/element.js';
export { DataController, type DataStatus, type DataOptions, type DataRenderers, type LoadContext } from './shared/data-controller.js';
export { LiveController } from './shared/live-controller.js';
export { Batcher, batcherFor } from './shared/batcher.js';
export { renderLoading, renderError, renderEmpty, stateStyles } from './shared/states.js';
export { renderUserText, renderPlainText, markdownStyles } from './shared/render-markdown.js';
export { guardUrl, LINK_REL, type SafeLink } from './shared/url-guard.js';
export { baseStyles, tokenStyles } from './styles/tokens.js';
export { MessageSet } from './i18n/message-set.js';
export { Localizer, localizer, registerMessages, registerMessagesLoader } from './i18n/localizer.js';
export type { Messages, PluralForms } from './i18n/messages.js';
