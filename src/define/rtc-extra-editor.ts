/** Defines <rtc-extra-editor>. Importing this module is its only effect. */
import { RtcExtraEditor } from '../elements/extra-editor/rtc-extra-editor.js';

RtcExtraEditor.define('rtc-extra-editor');

declare global {
  interface HTMLElementTagNameMap {
    'rtc-extra-editor': RtcExtraEditor;
  }
}
