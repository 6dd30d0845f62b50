export { MajlisViewerChangeEvent } from './viewer-change.js';
export { MajlisReportRequestEvent } from './report-request.js';
export { MajlisSignInRequestEvent } from './sign-in-request.js';
export { MajlisReactionEvent } from './reaction.js';
export { MajlisCommentPostedEvent } from './comment-posted.js';
export { MajlisCommentEditedEvent } from './comment-edited.js';
export { MajlisCommentDeletedEvent } from './comment-deleted.js';
export { MajlisVoteEvent } from './vote.js';
