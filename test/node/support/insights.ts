import { Engine, ManualClock, type Store } from '../../../src/engine/index.js';
import { AMAL, BILAL, CHEN, DINA, MOD, key, person } from './engine.js';

/**
 * A small community with a known history for insights, on a manual clock. Every figure the tests
 * expect is worked out by hand from this timeline (all times UTC, 2026):
 *
 *   Mar  1 10:00  Amal posts in "talk" (she joins)
 *   Mar  2 10:00  Bilal posts in "talk" (he joins)
 *   Mar  7 10:00  Amal posts in "talk"
 *   Mar  8 10:00  Chen posts in "news" (joins)
 *   Mar  9 10:00  the moderator creates a poll allowing guests (joins); Amal votes
 *   Mar 10 10:00  Eli posts in "news" (joins)
 *   Mar 11 10:00  Bilal reacts to Chen's post
 *   Mar 14 09:00  Dina replies to Amal's Mar 7 post (joins)
 *   Mar 14 10:00  Amal posts in "talk"
 *   Mar 15 10:00  Chen reacts to Amal's Mar 14 post
 *   Mar 16 09:00  Bilal reacts to it too
 *   Mar 16 09:30  Bilal reports Dina's reply (spam)
 *   Mar 16 10:00  the moderator reports Amal's Mar 14 post (harassment): hidden at once
 *   Mar 16 12:00  the moderator removes it (2 h after it entered the queue)
 *   Mar 17 10:00  the moderator approves Dina's reply (24.5 h after Bilal's report)
 *   Mar 18 10:00  a guest votes, then Bilal votes
 *   Mar 19 10:00  Chen posts in "news"
 *   Mar 20 11:00  Dina reports Chen's Mar 19 post (off-topic): left open
 *   Mar 20 12:00  Amal posts in "news", at the very moment the report is asked for ("now")
 */
export const INSIGHTS_NOW = '2026-03-20T12:00:00.000Z';
export const ELI = person('e', 'Eli');
const GUEST_KEY = 'insights-guest-browser-key-0001';

export async function insightsCommunity(store?: Store) {
  const clock = new ManualClock('2026-03-01T10:00:00Z');
  const engine = new Engine({ clock, ...(store && { store }) });
  const at = (time: string) => clock.set(`2026-03-${time}Z`);
  const post = async (actor: typeof AMAL, thread: string, body: string, parentId: string | null = null) => (await engine.postComment(actor, { thread, body, parentId }, key('insights-post'))).id;

  at('01T10:00:00');
  await post(AMAL, 'talk', 'First post');
  at('02T10:00:00');
  await post(BILAL, 'talk', 'Hello');
  at('07T10:00:00');
  const amalMar7 = await post(AMAL, 'talk', 'A week later');
  at('08T10:00:00');
  const chenMar8 = await post(CHEN, 'news', 'News from Chen');
  at('09T10:00:00');
  const poll = await engine.createPoll(MOD, { question: 'Best day to meet?', options: ['Friday', 'Saturday'], allowAnonymous: true }, key('insights-poll'));
  await engine.vote(AMAL, poll.id, ['o1'], key('insights-vote'));
  at('10T10:00:00');
  await post(ELI, 'news', 'Eli was here');
  at('11T10:00:00');
  await engine.react(BILAL, chenMar8, '👍', true, key('insights-react'));
  at('14T09:00:00');
  const dinaReply = await post(DINA, 'talk', 'A reply from Dina', amalMar7);
  at('14T10:00:00');
  const amalMar14 = await post(AMAL, 'talk', 'A heated post');
  at('15T10:00:00');
  await engine.react(CHEN, amalMar14, '👍', true, key('insights-react'));
  at('16T09:00:00');
  await engine.react(BILAL, amalMar14, '❤️', true, key('insights-react'));
  at('16T09:30:00');
  await engine.submitReport(BILAL, { target: `comment:${dinaReply}`, reason: 'spam' }, key('insights-report'));
  at('16T10:00:00');
  await engine.submitReport(MOD, { target: `comment:${amalMar14}`, reason: 'harassment' }, key('insights-report'));
  at('16T12:00:00');
  await engine.decide(MOD, { target: `comment:${amalMar14}`, action: 'remove', reason: 'Personal attack' }, key('insights-decide'));
  at('17T10:00:00');
  await engine.decide(MOD, { target: `comment:${dinaReply}`, action: 'approve' }, key('insights-decide'));
  at('18T10:00:00');
  await engine.vote(null, poll.id, ['o2'], key('insights-vote'), GUEST_KEY);
  await engine.vote(BILAL, poll.id, ['o2'], key('insights-vote'));
  at('19T10:00:00');
  const chenMar19 = await post(CHEN, 'news', 'More news');
  at('20T11:00:00');
  await engine.submitReport(DINA, { target: `comment:${chenMar19}`, reason: 'off-topic' }, key('insights-report'));
  at('20T12:00:00');
  await post(AMAL, 'news', 'Posted right now');
  return { engine, clock, pollId: poll.id };
}
