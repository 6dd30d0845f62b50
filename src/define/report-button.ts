import { MajlisReportButton } from '../components/report-button/report-button.js';

MajlisReportButton.define('majlis-report-button');

declare global {
  interface HTMLElementTagNameMap {
    'majlis-report-button': MajlisReportButton;
  }
}

export { MajlisReportButton };
