// Register only the elements this page uses; each subpath pulls in Lit once, shared.
import 'majlis/community';
import 'majlis/comments';
import 'majlis/poll';
import { DEMO_MEMBERS, LocalAdapter, seedDemoCommunity } from 'majlis/adapters/local';

// A community kept in this page, seeded with sample data, with Sara signed in.
// On a real site: an adapter for your backend, and your signed-in user.
const { store, thread, pollId } = await seedDemoCommunity();
document.querySelector('majlis-community').adapter = new LocalAdapter({ store, viewer: DEMO_MEMBERS.sara });
document.querySelector('majlis-comments').thread = thread;
document.querySelector('majlis-poll').poll = pollId;
