/**
 * The system colour tokens of each theme. Page authors override them with `--majlis-color-<name>`.
 * Every text pair meets WCAG 2.2 AA (4.5:1) and borders/focus 3:1: test/node/contrast.test.ts checks it.
 */
export const COLOR_TOKENS = ['surface', 'raised', 'text', 'muted', 'border', 'accent', 'on-accent', 'accent-soft', 'danger', 'success', 'warning', 'focus'] as const;
export type ColorToken = (typeof COLOR_TOKENS)[number];
export type Palette = Record<ColorToken, string>;

export const light: Palette = {
  surface: '#ffffff',
  raised: '#f5f6f8',
  text: '#1b1f24',
  muted: '#59616b',
  border: '#8c959f',
  accent: '#0b5cad',
  'on-accent': '#ffffff',
  'accent-soft': '#e7f0fb',
  danger: '#b42318',
  success: '#17753a',
  warning: '#8a5300',
  focus: '#0b5cad',
};

export const dark: Palette = {
  surface: '#15171b',
  raised: '#1f2329',
  text: '#e8eaed',
  muted: '#a3abb5',
  border: '#6b7480',
  accent: '#79b8ff',
  'on-accent': '#0b1220',
  'accent-soft': '#1d2c40',
  danger: '#ff9a8f',
  success: '#6fd08c',
  warning: '#f0b94a',
  focus: '#79b8ff',
};

/** Non-colour tokens: `--majlis-<name>`. */
export const SHAPE_TOKENS = {
  'font-family': 'system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans Arabic", Tahoma, sans-serif',
  'font-size': '1rem',
  'line-height': '1.5',
  radius: '0.5rem',
  space: '0.5rem',
  'focus-ring-width': '2px',
} as const;
