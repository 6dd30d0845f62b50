import { MajlisMember } from '../components/member/member.js';

MajlisMember.define('majlis-member');

declare global {
  interface HTMLElementTagNameMap {
    'majlis-member': MajlisMember;
  }
}

export { MajlisMember };
