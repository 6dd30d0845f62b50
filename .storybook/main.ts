import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  // The docs pages first in the sidebar, then the elements.
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  // MDX docs pages (Getting started, Theming).
  addons: ['@storybook/addon-docs'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  docs: { defaultName: 'Docs' },
};

export default config;
