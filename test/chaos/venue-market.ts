// Keeps the loopback exchange's market moving for a long live session: a random walk per symbol, a fresh
// book around it and trade prints on both sides, which also fill the desk's resting limit orders.
import { Random } from '../../src/main/adapters/sim/random.ts';
import type { BinanceSim } from '../support/exchange-sim/binance-sim.ts';

export interface VenueMarket {
  pause(): void;
  resume(): void;
  stop(): void;
}

const STEP_MS = 50;
/** Per-step standard deviation of the mid, as a fraction: fast enough for 1s momentum to flip often. */
const STEP_VOL = 0.0002;
const LEVELS = 10;

export function driveVenueMarket(sim: BinanceSim, mids: Record<string, number>, seed: number): VenueMarket {
  const random = new Random(seed);
  const state = new Map(Object.entries(mids));
  let paused = false;
  const timer = setInterval(() => {
    if (paused) return;
    for (const [symbol, mid] of state) {
      const next = Math.round(mid * (1 + STEP_VOL * random.normal()) * 100) / 100;
      state.set(symbol, next);
      const bids: [number, number][] = [];
      const asks: [number, number][] = [];
      for (let i = 1; i <= LEVELS; i++) {
        bids.push([Math.round((next - i * 0.0001 * next) * 100) / 100, 0.5 * i]);
        asks.push([Math.round((next + i * 0.0001 * next) * 100) / 100, 0.5 * i]);
      }
      sim.setBook(symbol, bids, asks);
      const buy = random.next() < 0.5;
      sim.printTrade(symbol, buy ? asks[0]![0] : bids[0]![0], 0.01, buy ? 'BUY' : 'SELL');
    }
  }, STEP_MS);
  return {
    pause: () => { paused = true; },
    resume: () => { paused = false; },
    stop: () => clearInterval(timer),
  };
}
