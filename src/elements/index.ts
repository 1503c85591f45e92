/** The element classes; importing this defines no tag (see `rtc-elements/define`). */
export { RtcRoom } from './room/rtc-room.js';
export { RtcParticipantList, defaultParticipantListStrings } from './participant-list/rtc-participant-list.js';
export type { ParticipantListStrings, ParticipantView, RowStatus } from './participant-list/rtc-participant-list.js';
export { RtcExtraEditor } from './extra-editor/rtc-extra-editor.js';
export { RtcMedia } from './media/rtc-media.js';
export { RtcChat, defaultChatStrings } from './chat/rtc-chat.js';
export type { ChatStrings } from './chat/rtc-chat.js';
export type { ChatMessage } from './chat/chat-history.js';
export { RtcAvatarStack, defaultAvatarStackStrings } from './avatar-stack/rtc-avatar-stack.js';
export type { AvatarStackStrings } from './avatar-stack/rtc-avatar-stack.js';
export { AWAY_KEY, isAway } from './shared/presence.js';
export type { PersistScope } from './room/persistence.js';
export type { Clock } from './shared/clock.js';
export { RtcElement } from './shared/rtc-element.js';
export { ELEMENT_EVENTS, RtcEvent } from './shared/events.js';
export type {
  ChannelDetail,
  ElementErrorCode,
  ErrorDetail,
  ExtraUpdatedDetail,
  MessageDetail,
  MuteDetail,
  ParticipantDetail,
  ParticipantLeftDetail,
  ParticipantStatusDetail,
  PeerStateDetail,
  ReconnectScheduledDetail,
  RoomStatus,
  RoomStatusChangedDetail,
  RtcEventMap,
  StreamDetail,
} from './shared/events.js';
export { connectionContext } from './shared/context.js';
