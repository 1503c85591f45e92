import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Participant } from '../../core/index.js';
import { displayName, initials } from '../shared/display.js';
import { RoomController } from '../shared/room-controller.js';
import { RtcElement } from '../shared/rtc-element.js';
import { mediaStyles } from './rtc-media.styles.js';

interface Tile {
  stream: MediaStream;
  participant: Participant;
  hasVideo: boolean;
}

/**
 * Every participant's audio and video streams in the enclosing `<rtc-room>`,
 * as a grid of tiles labelled with the participant's display name from extra
 * (relabelled live when they rename). Your own tile is muted. The room needs a
 * `session` with `audio` and/or `video`.
 *
 * @tagname rtc-media
 * @summary A grid of the room's media streams.
 *
 * @csspart grid - The grid of tiles.
 * @csspart tile - One stream (`<figure>`, `data-userid`, `data-local` on yours).
 * @csspart video - The `<video>` of a tile.
 * @csspart label - The participant's name on a tile.
 * @csspart audio-only - The initials shown on an audio-only tile.
 *
 * @cssproperty --rtc-tile-min-width - Narrowest tile (default 12rem).
 * @cssproperty --rtc-radius - Tile corners.
 * @cssproperty --rtc-gap - Space between tiles.
 * @cssproperty --rtc-muted-color - The initials on an audio-only tile.
 * @cssproperty --rtc-font - Font.
 */
export class RtcMedia extends RtcElement {
  static override styles = mediaStyles;

  static override properties = {
    hideLocal: { attribute: 'hide-local', type: Boolean, reflect: true },
    hideAudioOnly: { attribute: 'hide-audio-only', type: Boolean, reflect: true },
    nameField: { attribute: 'name-field' },
  };

  /** Leave out your own tile. */
  declare hideLocal: boolean;
  /** Leave out streams without video (their audio still plays). */
  declare hideAudioOnly: boolean;
  /** The extra key holding the display name (as `<rtc-participant-list>`). */
  declare nameField: string | undefined;

  readonly #room = new RoomController(this);

  constructor() {
    super();
    this.hideLocal = false;
    this.hideAudioOnly = false;
  }

  protected override render() {
    const tiles = this.#tiles();
    return html`<div part="grid">
      ${repeat(
        tiles,
        (tile) => tile.stream.id,
        (tile) => {
          const name = displayName(tile.participant, this.nameField);
          const local = tile.participant.isLocal;
          const hidden = !tile.hasVideo && this.hideAudioOnly;
          return html`<figure part="tile" data-userid=${tile.participant.userid} ?data-local=${local} ?hidden=${hidden}>
            ${
              tile.hasVideo
                ? html`<video
                    part="video"
                    .srcObject=${tile.stream}
                    .muted=${local}
                    autoplay
                    playsinline
                    aria-label=${name}
                  ></video>`
                : html`<audio .srcObject=${tile.stream} .muted=${local} autoplay></audio
                    ><span part="audio-only" aria-hidden="true">${initials(name)}</span>`
            }
            ${hidden ? nothing : html`<figcaption part="label">${name}</figcaption>`}
          </figure>`;
        },
      )}
    </div>`;
  }

  #tiles(): Tile[] {
    const participants = this.#room.connection?.participants ?? [];
    return participants
      .filter((participant) => !(participant.isLocal && this.hideLocal))
      .flatMap((participant) =>
        participant.streams.map((stream) => ({ stream, participant, hasVideo: stream.getVideoTracks().length > 0 })),
      );
  }
}
