// ?thread=<id> picks the thread: the benchmark opens a 20-comment and a 10,000-comment one.
const thread = new URLSearchParams(location.search).get('thread');
if (thread) document.querySelector('majlis-comments').setAttribute('thread', thread);
