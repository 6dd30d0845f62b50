const community = document.getElementById('community');
const viewerLine = document.getElementById('viewer-line');
const words = {
  en: { as: (name, points) => `You are taking part as ${name} (${points} points).`, guest: 'You are reading as a guest.' },
  ar: { as: (name, points) => `أنت تشارك باسم ${name} (${points} نقطة).`, guest: 'أنت تقرأ كزائر.' },
};
let viewer;
const lang = () => document.documentElement.lang;
const show = () => {
  const w = words[lang()] ?? words.en;
  viewerLine.textContent = viewer ? w.as(viewer.name, new Intl.NumberFormat(lang()).format(viewer.points)) : w.guest;
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

// ?theme=dark&lang=ar opens the demo that way (links, screenshots).
const params = new URLSearchParams(location.search);
for (const [name, apply] of [['theme', setTheme], ['lang', setLang]]) {
  const value = params.get(name);
  const select = document.getElementById(name);
  if (value && [...select.options].some((o) => o.value === value)) {
    select.value = value;
    apply(value);
  }
}
document.getElementById('reset').addEventListener('click', () => {
  localStorage.removeItem('majlis-demo-community');
  location.reload();
});
