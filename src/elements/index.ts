/** The element classes; importing this defines no tag (see `rtc-elements/define`). */
export { RtcRoom } from './room/rtc-room.js';
export { RtcParticipantList, defaultParticipantListStrings } from './participant-list/rtc-participant-list.js';
export type { ParticipantListStrings, ParticipantView, RowStatus } from './participant-list/rtc-participant-list.js';
export { RtcExtraEditor } from './extra-editor/rtc-extra-editor.js';
export { RtcMedia } from './media/rtc-media.js';
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
