import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'majlis/community';
import 'majlis/comments';
import 'majlis/poll';
import 'majlis/member';
import { DEMO_MEMBERS, LocalAdapter, seedDemoCommunity } from 'majlis/adapters/local';
// The JSX types of every <majlis-*> element, generated from custom-elements.json.
import type {} from 'majlis/jsx';

interface Demo {
  adapter: LocalAdapter;
  thread: string;
  pollId: string;
}

function App() {
  const [demo, setDemo] = useState<Demo>();
  useEffect(() => {
    // A community kept in this page, seeded with sample data, with Sara signed in.
    void seedDemoCommunity().then(({ store, thread, pollId }) => setDemo({ adapter: new LocalAdapter({ store, viewer: DEMO_MEMBERS.sara }), thread, pollId }));
  }, []);
  if (!demo) return <p>Loading…</p>;
  // React 19 sets `adapter` as a property (the element has one) and `onmajlis-*` props as event listeners.
  return (
    <majlis-community adapter={demo.adapter} theme="auto" onmajlis-viewer-change={(event) => console.log('viewer:', event.viewer?.name ?? 'guest')}>
      <majlis-member member="sara" size="large" />
      <majlis-poll poll={demo.pollId} onmajlis-vote={(event) => console.log('voted in', event.poll.id)} />
      <majlis-comments thread={demo.thread} sort="newest" max-depth={2} />
    </majlis-community>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
