/** Defines <rtc-media>. Importing this module is its only effect. */
import { RtcMedia } from '../elements/media/rtc-media.js';

RtcMedia.define('rtc-media');

declare global {
  interface HTMLElementTagNameMap {
    'rtc-media': RtcMedia;
  }
}
