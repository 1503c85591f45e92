/**
 * Roster changes as the connection reports them: typed events, and
 * `connection.peers` (stock's map) kept in step with the roster.
 */
import {
  ExtraUpdatedEvent,
  ParticipantJoinedEvent,
  ParticipantLeftEvent,
  ParticipantStatusChangedEvent,
  PeerStateChangedEvent,
  type Participant,
} from '../events.js';
import { deletePeer, setPeer, type Peers } from './peers.js';
import type { RosterListener } from './roster.js';

export interface RosterEventsHost {
  readonly peers: Peers;
  /** The peer connection to a participant, when there is one. */
  peerConnection(userid: string): RTCPeerConnection | undefined;
  /** A participant left: whatever else is kept for it goes (its peer, its file transfers). */
  left(userid: string): void;
  dispatchEvent(event: Event): void;
}

export function rosterEvents(host: RosterEventsHost): RosterListener {
  const updatePeer = (participant: Participant) => {
    if (!participant.isLocal) setPeer(host.peers, participant, host.peerConnection(participant.userid));
  };
  return {
    participantJoined: (participant) => {
      updatePeer(participant);
      host.dispatchEvent(new ParticipantJoinedEvent({ participant }));
    },
    participantLeft: (participant, reason) => {
      host.left(participant.userid);
      deletePeer(host.peers, participant.userid);
      host.dispatchEvent(new ParticipantLeftEvent({ participant, reason }));
    },
    extraUpdated: (participant, previous, changed) => {
      updatePeer(participant);
      const { userid, extra, isLocal } = participant;
      host.dispatchEvent(new ExtraUpdatedEvent({ userid, extra, previous, changed, isLocal }));
    },
    peerChanged: (participant, previous) => {
      updatePeer(participant);
      if (participant.peerState !== previous.peerState) {
        host.dispatchEvent(new PeerStateChangedEvent({ participant, previous: previous.peerState }));
      }
    },
    statusChanged: (participant, previous) => {
      updatePeer(participant);
      host.dispatchEvent(new ParticipantStatusChangedEvent({ participant, previous }));
    },
  };
}
