import { MajlisInsights } from '../components/insights/insights.js';

MajlisInsights.define('majlis-insights');

declare global {
  interface HTMLElementTagNameMap {
    'majlis-insights': MajlisInsights;
  }
}

export { MajlisInsights };
