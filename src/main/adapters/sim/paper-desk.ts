import type { Settings } from '../../../shared/settings.ts';
import type { Desk } from '../../desk.ts';
import { PaperBroker } from '../paper/paper-broker.ts';
import { SimFeed } from './sim-feed.ts';
import { SimulatedMarket } from './simulated-market.ts';

/** The seed a new desk's market starts from; the same seed replays the same market. */
export const DEFAULT_SIM_SEED = 20_240_601;

/** Paper trading on the built-in simulated market: no keys, no network, simulated time. */
export function openPaperDesk(options: { settings: Settings; seed?: number }): Desk {
  const market = new SimulatedMarket({ seed: options.seed ?? DEFAULT_SIM_SEED, startTime: Date.now() });
  const feed = new SimFeed({ market, speed: options.settings.simSpeed });
  return {
    mode: 'paper',
    feed,
    broker: new PaperBroker({ symbols: market.symbols(), clock: feed.clock }),
    clock: feed.clock,
    journalFile: 'paper.sqlite',
    startingCapital: null,
    close: async () => feed.stop(),
  };
}
