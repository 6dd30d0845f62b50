import type { CommunityAdapter } from '../core/adapter.js';
import { requireCapability } from '../core/capability.js';
import type { Id, Member } from '../core/types.js';
import { batcherFor } from './batcher.js';

/**
 * Members by id, through one batched `members.getMany` per task for the whole page: a thread of 20
 * comments by 20 authors and the member chips beside it cost one request together.
 */
export async function loadMembers(adapter: CommunityAdapter, ids: Iterable<Id>, element: string, signal?: AbortSignal): Promise<Map<Id, Member>> {
  const members = requireCapability(adapter, 'members', element);
  // The batch serves many callers, so it carries no caller's signal; each caller's own wait is abortable.
  const batcher = batcherFor(adapter, 'members', async (keys) => new Map((await members.getMany(keys)).map((m) => [m.id, m])));
  const unique = [...new Set(ids)].filter(Boolean);
  const found = await Promise.all(unique.map((id) => batcher.load(id, signal)));
  return new Map(found.flatMap((member) => (member ? [[member.id, member] as const] : [])));
}

/** Two letters for an avatar without a picture: first letters of the first and last words. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const first = [...(words[0] ?? '?')][0] ?? '?';
  const last = words.length > 1 ? ([...words[words.length - 1]!][0] ?? '') : '';
  return (first + last).toLocaleUpperCase();
}

/** A hue from the member id, so a member's initials keep their colour everywhere. The first 64 characters are enough, however long a backend's id. */
export function hueOf(id: string): number {
  let hash = 0;
  for (let i = 0; i < Math.min(id.length, 64); i++) hash = (hash * 31 + id.charCodeAt(i)) | 0;
  return Math.abs(hash) % 360;
}
