/** Defines <rtc-chat>. Importing this module is its only effect. */
import { RtcChat } from '../elements/chat/rtc-chat.js';

RtcChat.define('rtc-chat');

declare global {
  interface HTMLElementTagNameMap {
    'rtc-chat': RtcChat;
  }
}
