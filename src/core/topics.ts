import type { Topic } from './adapter.js';
import { AdapterError } from './errors.js';
import { isModeratorRole } from './roles.js';
import type { ViewerClaims } from './types.js';

// eslint-disable-next-line no-control-regex -- topics must not carry control characters
const TOPIC = /^(?:(?:thread|poll|member):[^\u0000-\u001f\u007f]{1,290}|leaderboard|moderation)$/;

/** Topics that need a signed-in viewer: a member's own events, and the moderators' queue. */
export function isRestrictedTopic(topic: string): boolean {
  return topic.startsWith('member:') || topic === 'moderation';
}

/** The topic asked for, if this viewer may follow it; otherwise the error that says why. Every adapter and the server apply this one rule. */
export function checkTopic(topic: string, viewer: Pick<ViewerClaims, 'id' | 'roles'> | null): Topic {
  if (!TOPIC.test(topic)) throw new AdapterError('invalid', 'The topic must be thread:<id>, poll:<id>, member:<id>, leaderboard or moderation.', { field: 'topic' });
  if (isRestrictedTopic(topic) && !viewer) throw new AdapterError('unauthorized', 'Sign in to follow this topic.');
  if (topic.startsWith('member:') && topic !== `member:${viewer!.id}`) throw new AdapterError('forbidden', 'Only the member themselves can follow their own live events.');
  if (topic === 'moderation' && !isModeratorRole(viewer!.roles)) throw new AdapterError('forbidden', 'Only moderators and admins can follow the moderation queue.');
  return topic as Topic;
}
