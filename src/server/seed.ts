import { seedDemoCommunity } from '../adapters/local/seed.js';
import { MemoryStore, type MemoryStoreSnapshot } from '../engine/memory-store.js';
import type { Store } from '../engine/store.js';

/**
 * Seeds the demo community (members, a thread, a poll, reports, one earlier decision) into a store,
 * once: a store that already knows the demo admin is left alone. Returns whether it seeded.
 */
export async function seedDemoStore(store: Store, now = Date.now()): Promise<boolean> {
  if (await store.getMember('layla')) return false;
  const seeded = await seedDemoCommunity({ now });
  await copySnapshot(seeded.store.snapshot(), store);
  return true;
}

/**
 * Writes a MemoryStore snapshot into any store, in one transaction. Records keep their ids; the live
 * event log and idempotency records are not copied (a new store starts its own).
 */
export async function copySnapshot(snapshot: MemoryStoreSnapshot, store: Store): Promise<void> {
  if (store instanceof MemoryStore) return store.load(snapshot);
  const t = snapshot.tables;
  await store.transaction(async () => {
    for (const [, member] of t.members) await store.putMember(member);
    for (const [, poll] of t.polls) await store.putPoll(poll);
    for (const [, comment] of t.comments) await store.putComment(comment);
    for (const [, reaction] of t.reactions) await store.putReaction(reaction);
    for (const [, vote] of t.votes) await store.putVote(vote);
    for (const [, award] of t.awards) await store.putAward(award);
    for (const [, report] of t.reports) await store.putReport(report);
    for (const [, record] of t.moderation) await store.putModeration(record);
    for (const entry of snapshot.logs.points) await store.addPoints(entry);
    for (const entry of snapshot.logs.audit) await store.addAudit(entry);
  });
}
