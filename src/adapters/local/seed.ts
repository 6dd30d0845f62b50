import type { ViewerClaims } from '../../core/types.js';
import { ManualClock, systemClock, type Clock } from '../../engine/clock.js';
import { Engine } from '../../engine/engine.js';
import { MemoryStore } from '../../engine/memory-store.js';
import type { RulesOverrides } from '../../engine/rules.js';

export const DEMO_MEMBERS = {
  layla: { id: 'layla', name: 'Layla Haddad', roles: ['admin'] },
  omar: { id: 'omar', name: 'Omar Farouk', roles: ['moderator'] },
  sara: { id: 'sara', name: 'Sara Lindqvist' },
  yusuf: { id: 'yusuf', name: 'يوسف العلي' },
  mei: { id: 'mei', name: 'Mei Chen' },
  daniel: { id: 'daniel', name: 'Daniel Okafor' },
  quickdeals: { id: 'quickdeals', name: 'QuickDeals Store' },
  visitor: { id: 'visitor', name: 'You (demo visitor)' },
} as const satisfies Record<string, ViewerClaims>;

export interface DemoCommunity {
  engine: Engine;
  store: MemoryStore;
  thread: string;
  pollId: string;
  /** The comment ids of the seeded thread, in posting order. */
  comments: string[];
}

export interface SeedOptions {
  /** The moment the demo is "now"; the seeded history lies before it. */
  now?: number;
  /** The clock the returned engine runs on: the system clock for a live demo, a ManualClock for stories and tests. */
  clock?: Clock;
  rules?: RulesOverrides;
}

const HOUR = 3_600_000;

/**
 * A small, deterministic community: an admin, a moderator, four members (one writing in Arabic) and a
 * new account that posts spam; a thread with nested replies, reactions and a featured comment, an open
 * poll, and reports waiting for the moderators.
 * Seeding goes through the engine, so every point and badge is earned by the rules.
 */
export async function seedDemoCommunity(options: SeedOptions = {}): Promise<DemoCommunity> {
  const clock = options.clock ?? systemClock;
  const now = options.now ?? clock.now();
  const store = new MemoryStore();
  const seedClock = new ManualClock(now - 10 * 24 * HOUR);
  const seeder = new Engine({ store, clock: seedClock, ...(options.rules && { rules: options.rules }) });
  let n = 0;
  const key = () => `seed-key-${++n}`;
  const m = DEMO_MEMBERS;
  for (const member of Object.values(m)) if (member.id !== 'visitor' && member.id !== 'quickdeals') await seeder.viewer(member);

  const thread = 'welcome';
  const comments: string[] = [];
  const post = async (who: ViewerClaims, body: string, parentId: string | null = null, hoursAgo?: number) => {
    if (hoursAgo !== undefined) seedClock.set(now - hoursAgo * HOUR);
    else seedClock.advance(60_000);
    const comment = await seeder.postComment(who, { thread, body, parentId }, key());
    comments.push(comment.id);
    return comment.id;
  };

  // Earlier threads give the regulars some history (and some points).
  for (let i = 0; i < 4; i++) {
    seedClock.set(now - (9 - i) * 24 * HOUR);
    for (const who of [m.sara, m.mei, m.daniel, m.yusuf]) {
      seedClock.advance(5 * 60_000);
      await seeder.postComment(who, { thread: `archive-${i}`, body: `Notes from week ${i + 1}, by ${who.name}.` }, key());
    }
  }

  const welcome = await post(m.layla, 'Welcome to the **Majlis** demo! Say hello, ask a question, or try the poll below.\n\nA few house rules:\n- be kind\n- stay on topic\n- report what looks wrong', null, 30);
  const sara = await post(m.sara, 'Hello everyone! I came for the *polls*; the `majlis-poll` element embeds anywhere.', null, 26);
  const reply1 = await post(m.omar, '@Sara Lindqvist glad to have you. The docs are at [majlis docs](https://example.com/docs).', sara, 25);
  const reply2 = await post(m.sara, 'Thanks! Does it work in right-to-left pages?', reply1, 24);
  const reply3 = await post(m.yusuf, 'نعم، يعمل بشكل ممتاز مع العربية واتجاه الكتابة من اليمين إلى اليسار.', reply2, 23);
  await post(m.mei, 'Confirmed — I tried it on our Arabic blog.', reply3, 22);
  const yusuf = await post(m.yusuf, 'السلام عليكم! سعيد بالانضمام إلى هذا المجلس.', null, 20);
  await post(m.daniel, '> stay on topic\n\nNoted. Is there a way to follow a thread by email?', null, 6);
  await post(m.mei, 'Quick tip: press **Ctrl+Enter** to send.', welcome, 2);

  seedClock.set(now - 1.5 * HOUR);
  const reactions: [ViewerClaims, string, string][] = [
    [m.sara, welcome, '👍'], [m.mei, welcome, '👍'], [m.daniel, welcome, '🎉'], [m.yusuf, welcome, '❤️'],
    [m.layla, sara, '❤️'], [m.omar, sara, '👍'], [m.sara, yusuf, '❤️'], [m.mei, yusuf, '👍'], [m.layla, reply3, '🙏'],
  ];
  for (const [who, comment, emoji] of reactions) await seeder.react(who, comment, emoji, true, key());
  await seeder.featureComment(m.layla, welcome, true, key());

  const poll = await seeder.createPoll(
    m.layla,
    { question: 'Which feature should we build next?', options: ['Email notifications', 'Dark mode schedules', 'Threaded search', 'Mobile app'], results: 'always', closesAt: new Date(now + 7 * 24 * HOUR).toISOString() },
    key(),
  );
  const votes: [ViewerClaims, string][] = [[m.sara, 'o1'], [m.mei, 'o3'], [m.daniel, 'o1'], [m.yusuf, 'o2'], [m.omar, 'o1']];
  for (const [who, option] of votes) await seeder.vote(who, poll.id, [option], key());

  // Work for the moderators: a spam post reported twice, a reply reported once, and one earlier decision.
  const spam = await post(m.quickdeals, 'Great article!! Get 1000 followers for $5 at quick-deals.example — limited offer!!!', null, 3);
  seedClock.set(now - 2 * HOUR);
  await seeder.submitReport(m.sara, { target: `comment:${spam}`, reason: 'spam', note: 'Advertising a follower shop.' }, key());
  await seeder.submitReport(m.mei, { target: `comment:${spam}`, reason: 'scam' }, key());
  await seeder.submitReport(m.daniel, { target: `comment:${reply3}`, reason: 'off-topic', note: 'Not in English.' }, key());
  const earlier = await seeder.postComment(m.quickdeals, { thread: 'archive-3', body: 'Cheap watches, DM me.' }, key());
  await seeder.submitReport(m.yusuf, { target: `comment:${earlier.id}`, reason: 'spam' }, key());
  seedClock.advance(30 * 60_000);
  await seeder.decide(m.omar, { target: `comment:${earlier.id}`, action: 'remove', reason: 'Advertising is not allowed here.' }, key());

  return { engine: new Engine({ store, clock, ...(options.rules && { rules: options.rules }) }), store, thread, pollId: poll.id, comments };
}
