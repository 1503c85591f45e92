/** Defines every rtc-elements tag. */
import './rtc-room.js';
import './rtc-participant-list.js';
import './rtc-extra-editor.js';
import './rtc-media.js';
import './rtc-chat.js';
import './rtc-avatar-stack.js';
