/** Defines <rtc-participant-list>. Importing this module is its only effect. */
import { RtcParticipantList } from '../elements/participant-list/rtc-participant-list.js';

RtcParticipantList.define('rtc-participant-list');

declare global {
  interface HTMLElementTagNameMap {
    'rtc-participant-list': RtcParticipantList;
  }
}
