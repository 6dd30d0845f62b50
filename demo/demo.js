// The demo site's own script: theme, language, and which demo member you act as.
// It talks to the reference server's demo routes (on only in demo mode), as a host site's
// backend would: the server signs a viewer token, and the page hands it to <majlis-community>.
const community = document.getElementById('community');
const viewerLine = document.getElementById('viewer-line');
const picker = document.getElementById('act-as');
const STORED = 'majlis-demo-member';
const words = {
  en: { as: (name, points) => `You are taking part as ${name} (${points} points).`, guest: 'You are reading as a guest: pick a member above to take part.', guestOption: 'Guest', failed: 'Could not sign in as that member: the demo server did not answer. Reload to try again.' },
  ar: { as: (name, points) => `أنت تشارك باسم ${name} (${points} نقطة).`, guest: 'أنت تقرأ كزائر: اختر عضوًا في الأعلى لتشارك.', guestOption: 'زائر', failed: 'تعذّر الدخول باسم هذا العضو: لم يستجب خادم العرض. أعد تحميل الصفحة لتحاول مجددًا.' },
};
let viewer;
const lang = () => document.documentElement.lang;
const w = () => words[lang()] ?? words.en;
const show = () => {
  viewerLine.textContent = viewer ? w().as(viewer.name, new Intl.NumberFormat(lang()).format(viewer.points)) : w().guest;
  picker.options[0].textContent = w().guestOption;
};

community.addEventListener('majlis-viewer-change', (event) => {
  viewer = event.viewer;
  show();
});

const setTheme = (value) => {
  community.setAttribute('theme', value);
  document.documentElement.dataset.theme = value;
};
const setLang = (value) => {
  document.documentElement.lang = value;
  document.documentElement.dir = value === 'ar' ? 'rtl' : 'ltr';
  show();
};
document.getElementById('theme').addEventListener('change', (event) => setTheme(event.target.value));
document.getElementById('lang').addEventListener('change', (event) => setLang(event.target.value));

async function actAs(memberId) {
  localStorage.setItem(STORED, memberId);
  if (!memberId) {
    community.removeAttribute('token');
    return;
  }
  try {
    const response = await fetch('/api/demo/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ memberId }) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const { token } = await response.json();
    community.setAttribute('token', token);
  } catch (error) {
    console.error(error);
    viewerLine.textContent = w().failed;
  }
}

async function fillPicker() {
  const response = await fetch('/api/demo/members');
  const { items } = await response.json();
  for (const member of items) picker.add(new Option(member.name, member.id));
  const stored = localStorage.getItem(STORED);
  const wanted = new URLSearchParams(location.search).get('as') ?? stored ?? document.body.dataset.defaultMember ?? '';
  picker.value = items.some((m) => m.id === wanted) ? wanted : '';
  picker.addEventListener('change', () => void actAs(picker.value));
  await actAs(picker.value);
}

// ?theme=dark&lang=ar&as=omar opens the demo that way (links, screenshots, tests).
const params = new URLSearchParams(location.search);
for (const [name, apply] of [['theme', setTheme], ['lang', setLang]]) {
  const value = params.get(name);
  const select = document.getElementById(name);
  if (value && [...select.options].some((o) => o.value === value)) {
    select.value = value;
    apply(value);
  }
}
show();
fillPicker().catch((error) => {
  console.error(error);
  viewerLine.textContent = w().failed;
});
