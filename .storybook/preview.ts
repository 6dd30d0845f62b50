import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import manifest from '../custom-elements.json';
import { withCommunity } from '../stories/support/community.js';

// Controls and docs come from the JSDoc of each element, through custom-elements.json.
setCustomElementsManifest(manifest);

const preview: Preview = {
  decorators: [withCommunity],
  globalTypes: {
    theme: {
      description: 'Theme of every element',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
          { value: 'auto', title: 'Auto (system)' },
          { value: 'brand', title: 'Brand (custom tokens)' },
        ],
        dynamicTitle: true,
      },
    },
    direction: {
      description: 'Text direction (auto: from the language)',
      toolbar: {
        title: 'Direction',
        icon: 'transfer',
        items: [
          { value: 'auto', title: 'Direction from language' },
          { value: 'ltr', title: 'Left to right' },
          { value: 'rtl', title: 'Right to left' },
        ],
        dynamicTitle: true,
      },
    },
    locale: {
      description: 'Language (and its direction)',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English (LTR)' },
          { value: 'ar', title: 'العربية (RTL)' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light', locale: 'en', direction: 'auto' },
  parameters: {
    controls: { expanded: true },
    viewport: {
      options: {
        phone: { name: 'Phone (360)', styles: { width: '360px', height: '740px' } },
        phoneLarge: { name: 'Phone (414)', styles: { width: '414px', height: '896px' } },
        tablet: { name: 'Tablet (768)', styles: { width: '768px', height: '1024px' } },
        desktop: { name: 'Desktop (1280)', styles: { width: '1280px', height: '800px' } },
      },
    },
  },
};

export default preview;
