/** Defines <rtc-room>. Importing this module is its only effect. */
import { RtcRoom } from '../elements/room/rtc-room.js';

RtcRoom.define('rtc-room');

declare global {
  interface HTMLElementTagNameMap {
    'rtc-room': RtcRoom;
  }
}
