/**
 * For browser test files (mocha): a fresh harness on the shared stock server
 * for each test, cleaned up afterwards, and stock 3.7.1 clients that end with it.
 */
import { Harness } from './harness.js';
import { sharedSignalingUrl } from './signaling.js';
import { createStockConnection, endStockConnection, loadStockClient, type StockConnection } from './stock-client.js';

export function useHarness(): { harness: () => Harness; url: () => string } {
  let url: string;
  let harness: Harness;
  before(async () => {
    url = await sharedSignalingUrl();
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
export function useStockClients() {
  const setup = useHarness();
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
