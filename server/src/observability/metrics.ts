/**
 * The server's Prometheus metrics (prom-client), on a registry of its own so
 * that several servers in one process (tests, embedding) keep theirs apart.
 */
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { RefusalReason } from '../../../src/protocol/server-extensions.js';

export type ClientKind = 'kit' | 'stock';
/** What a delivery carried. */
export type DeliveryKind = 'relay' | 'join-request' | 'extra' | 'custom' | 'presence';

export class Metrics {
  readonly registry = new Registry();
  readonly connections: Gauge<'kind'>;
  readonly rooms: Gauge;
  readonly participants: Gauge;
  readonly messages: Counter<'kind'>;
  readonly deliveries: Counter<'kind'>;
  readonly refusals: Counter<'event' | 'reason'>;
  readonly disconnectedForFlood: Counter;

  constructor(sample: { rooms(): number; participants(): number }) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'rtc_' });
    this.connections = new Gauge({
      name: 'rtc_connections',
      help: 'Sockets connected now, by client kind (kit: announced rtc-elements; stock: everything else)',
      labelNames: ['kind'],
      registers,
    });
    this.rooms = new Gauge({
      name: 'rtc_rooms',
      help: 'Rooms open now',
      registers,
      collect() {
        this.set(sample.rooms());
      },
    });
    this.participants = new Gauge({
      name: 'rtc_participants',
      help: 'Members of rooms now',
      registers,
      collect() {
        this.set(sample.participants());
      },
    });
    this.messages = new Counter({
      name: 'rtc_messages_received_total',
      help: 'Messages accepted for delivery, by kind',
      labelNames: ['kind'],
      registers,
    });
    this.deliveries = new Counter({
      name: 'rtc_deliveries_total',
      help: 'Messages delivered, counted per recipient socket, by kind',
      labelNames: ['kind'],
      registers,
    });
    this.refusals = new Counter({
      name: 'rtc_refusals_total',
      help: 'Requests and messages refused, by event and reason',
      labelNames: ['event', 'reason'],
      registers,
    });
    this.disconnectedForFlood = new Counter({
      name: 'rtc_flood_disconnects_total',
      help: 'Sockets disconnected for staying over their rate limits',
      registers,
    });
  }

  refused(event: string, reason: RefusalReason | 'handshake'): void {
    this.refusals.inc({ event, reason });
  }
}
