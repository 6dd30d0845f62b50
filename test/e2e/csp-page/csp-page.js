// The viewer's token and the ids the engine made for this run come in the hash (never sent to the server).
const params = new URLSearchParams(location.hash.slice(1));
document.querySelector('majlis-poll').setAttribute('poll', params.get('poll'));
document.querySelector('majlis-report-button').setAttribute('target', params.get('report'));
document.getElementById('community').setAttribute('token', params.get('token'));
