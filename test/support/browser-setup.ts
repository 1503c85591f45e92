/**
 * For browser test files (mocha): a fresh harness on a shared signaling server
 * (ours unless told) for each test, cleaned up afterwards, and stock 3.7.1
 * clients that end with it.
 */
import { Harness } from './harness.js';
import { sharedSignalingUrl, type ServerKind } from './signaling.js';
import { createStockConnection, endStockConnection, loadStockClient, type StockConnection } from './stock-client.js';

export function useHarness(kind: ServerKind = 'ours'): { harness: () => Harness; url: () => string } {
  let url: string;
  let harness: Harness;
  before(async () => {
    url = await sharedSignalingUrl(kind);
  });
  beforeEach(() => {
    harness = new Harness(url);
  });
  afterEach(async () => {
    await harness.cleanup();
  });
  return { harness: () => harness, url: () => url };
}

/** As useHarness, plus `stock(name, extra)`: an unmodified stock client, ended after each test. */
export function useStockClients(kind: ServerKind = 'ours') {
  const setup = useHarness(kind);
  let Stock: new () => StockConnection;
  const stocks: StockConnection[] = [];
  before(async () => {
    Stock = await loadStockClient(setup.url());
  });
  afterEach(() => {
    for (const stock of stocks.splice(0)) endStockConnection(stock);
  });
  const stock = (name: string, extra: Record<string, unknown>): StockConnection => {
    const connection = createStockConnection(Stock, setup.url(), setup.harness().id(name), extra);
    stocks.push(connection);
    return connection;
  };
  return { ...setup, stock };
}
