import { LocalAdapter } from '../../src/adapters/local/local-adapter.js';
import { DEMO_MEMBERS } from '../../src/adapters/local/seed.js';
import { REPORT_REASONS, type ReportReason, type ViewerClaims } from '../../src/core/types.js';
import { ManualClock } from '../../src/engine/clock.js';
import { Engine } from '../../src/engine/engine.js';
import { MemoryStore } from '../../src/engine/memory-store.js';
import { newMemberRecord, type CommentRecord, type MemberRecord } from '../../src/engine/store.js';
import { STORY_NOW } from './community.js';

const DAY = 86_400_000;
const HISTORY_DAYS = 180;
const THREADS = ['welcome', 'release-notes', 'ask-the-editors', 'local-news', 'book-club', 'مجلس-الأدب'];
const POLLS = [
  { id: 'poll-topics', question: 'Which topic should the next issue cover?' },
  { id: 'poll-meetup', question: 'Where should we meet this spring?' },
];
const NAMES = ['Sara Lindqvist', 'يوسف العلي', 'Mei Chen', 'Daniel Okafor', 'Hana Kobayashi', 'Karim Nassar', 'Ines Duarte', 'فاطمة الزهراء', 'Kwame Mensah', 'Aiko Tanaka', 'Lucas Moreau', 'نور الهدى'];

/** A small deterministic generator (mulberry32), so every render of a story shows the same community. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Half a year of a growing community — members joining, threads, replies, reactions, poll votes,
 * reports and the moderators' decisions — written straight into a MemoryStore: insights only count
 * records, and thousands of engine writes would make every story render wait.
 */
async function busyStore(): Promise<MemoryStore> {
  const store = new MemoryStore();
  const next = random(20260315);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const start = STORY_NOW - HISTORY_DAYS * DAY;
  const members: MemberRecord[] = Array.from({ length: 160 }, (_, i) =>
    newMemberRecord({
      id: i < 2 ? [DEMO_MEMBERS.sara.id, DEMO_MEMBERS.yusuf.id][i]! : `member-${i}`,
      name: i < NAMES.length ? NAMES[i]! : `${pick(['Alex', 'Sam', 'رنا', 'Jo', 'خالد', 'Priya'])} ${i}`,
      avatarUrl: null,
      roles: [],
      // Most joined early; the last ones joined in the last weeks.
      joinedAt: start + Math.floor((i / 160) ** 2 * HISTORY_DAYS * DAY),
    }),
  );
  await store.transaction(async () => {
    for (const m of members) await store.putMember(m);
    for (const claims of [DEMO_MEMBERS.omar, DEMO_MEMBERS.layla] as ViewerClaims[])
      await store.putMember({ ...members[0]!, id: claims.id, name: claims.name, roles: [...(claims.roles ?? [])], joinedAt: start });
    for (const [i, poll] of POLLS.entries())
      await store.putPoll({ ...poll, kind: 'single', minChoices: 1, maxChoices: 1, options: [{ id: 'o1', label: 'One' }, { id: 'o2', label: 'Two' }], results: 'always', allowChange: true, closesAt: null, closedAt: null, createdAt: start + i * 60 * DAY, createdBy: DEMO_MEMBERS.omar.id });
    const comments: CommentRecord[] = [];
    let n = 0;
    for (let day = 0; day < HISTORY_DAYS; day++) {
      const dayStart = start + day * DAY;
      const joined = members.filter((m) => m.joinedAt <= dayStart);
      // Growing, busier at the end of the week, and noisy.
      const posts = Math.floor(2 + day / 30 + ([4, 5].includes(new Date(dayStart).getUTCDay()) ? 3 : 0) + next() * 4);
      for (let p = 0; p < posts; p++) {
        const at = dayStart + Math.floor(next() * DAY);
        if (at > STORY_NOW) continue;
        // A few members write most of it.
        const author = joined[Math.floor(next() ** 2.5 * joined.length)]!;
        const parent = comments.length && next() < 0.35 ? comments[comments.length - 1 - Math.floor(next() * Math.min(20, comments.length))]! : null;
        const flagged = next() < 0.04;
        const comment: CommentRecord = {
          id: `c-${++n}`,
          thread: parent?.thread ?? pick(THREADS),
          parentId: parent?.id ?? null,
          depth: parent ? parent.depth + 1 : 0,
          authorId: author.id,
          body: `Comment ${n}`,
          status: flagged ? pick(['hidden', 'removed', 'removed'] as const) : 'visible',
          createdAt: at,
          editedAt: null,
          history: [],
          featured: false,
          shown: !flagged,
          replyCount: 0,
          reactionCount: 0,
          replyToAuthorId: parent?.authorId ?? null,
          credited: true,
        };
        comments.push(comment);
        await store.putComment(comment);
        for (let r = Math.floor(next() * 4); r > 0; r--) {
          // Readers react more than they write, but most still only now and then.
          const by = joined[Math.floor(next() ** 2 * joined.length)]!;
          if (by.id !== author.id) await store.putReaction({ commentId: comment.id, emoji: pick(['👍', '❤️', '🎉']), memberId: by.id, at: Math.min(STORY_NOW, at + Math.floor(next() * 2 * DAY)) });
        }
        if (flagged || next() < 0.01) {
          const reason: ReportReason = pick([...REPORT_REASONS.slice(0, 3), 'spam', 'spam', 'off-topic', 'misinformation']);
          const reporter = pick(joined);
          const decidedAt = at + Math.floor((1 + next() * 30) * 3_600_000);
          const decided = flagged && decidedAt < STORY_NOW;
          await store.putReport({ id: `r-${n}`, target: `comment:${comment.id}`, reason, note: '', reporterId: reporter.id, weight: 1, status: decided ? (comment.status === 'removed' ? 'upheld' : 'dismissed') : 'open', createdAt: at + 60_000, decidedAt: decided ? decidedAt : null });
          await store.putModeration({ target: `comment:${comment.id}`, state: decided ? 'decided' : 'reported', heldBecause: null, createdAt: at + 60_000, decidedAt: decided ? decidedAt : null });
        }
      }
      for (const voter of joined) {
        if (next() < 0.02) await store.putVote({ pollId: POLLS[day < 60 ? 0 : 1]!.id, memberId: voter.id, optionIds: [pick(['o1', 'o2'])], at: Math.min(STORY_NOW, dayStart + Math.floor(next() * DAY)) });
      }
    }
  });
  return store;
}

let busy: Promise<Engine> | undefined;

/** A LocalAdapter on the busy community, as the moderator (or the given viewer). */
export function busyCommunityAdapter(viewer: ViewerClaims | null = DEMO_MEMBERS.omar): Promise<LocalAdapter> {
  busy ??= busyStore().then((store) => new Engine({ store, clock: new ManualClock(STORY_NOW) }));
  return busy.then((engine) => new LocalAdapter({ engine, viewer }));
}
