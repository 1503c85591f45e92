/**
 * Creates connections and raw clients for one test and tears every one of them
 * down afterwards, so no test leaves a socket behind.
 */
import { RTCMultiConnection, type ConnectionOptions } from '../../src/index.js';
import { connectRaw, type RawClient } from './raw-client.js';

export class Harness {
  readonly #connections: RTCMultiConnection[] = [];
  readonly #raws: RawClient[] = [];
  readonly #prefix = Math.random().toString(36).slice(2, 8);

  constructor(readonly url: string) {}

  /** A userid unique to this test run, so tests sharing a server never collide. */
  id(name: string): string {
    return `${name}-${this.#prefix}`;
  }

  connection(name: string, extra: Record<string, unknown> = {}, options: ConnectionOptions = {}): RTCMultiConnection {
    const connection = new RTCMultiConnection(undefined, {
      socketURL: this.url,
      userid: this.id(name),
      extra,
      session: { data: true },
      ...options,
    });
    this.#connections.push(connection);
    return connection;
  }

  async raw(name: string, query: Record<string, string> = {}): Promise<RawClient> {
    const client = await connectRaw(this.url, this.id(name), query);
    this.#raws.push(client);
    return client;
  }

  async cleanup(): Promise<void> {
    await Promise.all(this.#connections.map((connection) => connection.leave()));
    for (const client of this.#raws) client.close();
  }
}
