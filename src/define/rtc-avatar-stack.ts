/** Defines <rtc-avatar-stack>. Importing this module is its only effect. */
import { RtcAvatarStack } from '../elements/avatar-stack/rtc-avatar-stack.js';

RtcAvatarStack.define('rtc-avatar-stack');

declare global {
  interface HTMLElementTagNameMap {
    'rtc-avatar-stack': RtcAvatarStack;
  }
}
