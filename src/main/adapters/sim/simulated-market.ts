// The built-in market: offline, no keys, and reproducible (the same seed gives the same event stream
// however advance() is sliced). Each symbol draws from its own random stream, so adding a symbol does
// not change the others.
import { TIMEFRAMES, type Candle, type MarketEvent, type OrderBook, type SymbolInfo, type Timeframe } from '../../../shared/market.ts';
import type { MarketCheckpoint } from '../../engine/ports.ts';
import type { VolatilityRegime } from './price-process.ts';
import { Random, deriveSeed } from './random.ts';
import { simulateHistory } from './sim-history.ts';
import { DEFAULT_SIM_SYMBOLS, type SimSymbolSpec } from './sim-symbols.ts';
import { SymbolSimulator } from './symbol-simulator.ts';

export const SIM_STEP_MS = 100;

export interface SimulatedMarketOptions {
  seed: number;
  startTime: number;
  symbols?: readonly SimSymbolSpec[];
}

/** Salts for derived seeds: live streams use the symbol index, history streams start here. */
const HISTORY_SALT = 1_000;

export class SimulatedMarket {
  readonly startTime: number;
  private readonly seed: number;
  private readonly specs: readonly SimSymbolSpec[];
  private readonly simulators: SymbolSimulator[];
  private readonly bySymbol = new Map<string, { simulator: SymbolSimulator; index: number }>();
  private time: number;

  constructor(options: SimulatedMarketOptions) {
    this.seed = options.seed;
    this.startTime = options.startTime;
    this.time = options.startTime;
    const specs = options.symbols ?? DEFAULT_SIM_SYMBOLS;
    this.specs = specs;
    this.simulators = specs.map((spec, index) => {
      if (this.bySymbol.has(spec.info.symbol)) throw new Error(`symbol ${spec.info.symbol} is listed twice`);
      const simulator = new SymbolSimulator(spec, new Random(deriveSeed(options.seed, index)), options.startTime);
      this.bySymbol.set(spec.info.symbol, { simulator, index });
      return simulator;
    });
  }

  /**
   * The same market continued from a journaled point: it starts a step after `from.ts` (or now, if
   * later) at the journaled prices, so a restart neither moves the clock back nor jumps the prices to
   * the seed's. Its randomness is drawn afresh from the seed and that time.
   */
  resumed(from: MarketCheckpoint, now: number): SimulatedMarket {
    const startTime = Math.max(now, from.ts + SIM_STEP_MS);
    const symbols = this.specs.map((spec) => {
      const price = from.marks[spec.info.symbol];
      return price !== undefined && price > 0 && Number.isFinite(price) ? { ...spec, startPrice: price } : spec;
    });
    return new SimulatedMarket({ seed: deriveSeed(this.seed, startTime % 2 ** 31), startTime, symbols });
  }

  symbols(): SymbolInfo[] {
    return this.simulators.map((simulator) => ({ ...simulator.info }));
  }

  now(): number {
    return this.time;
  }

  /**
   * Simulates whole steps up to toTime. Each step emits, per symbol in order, its trades, a book and a
   * ticker, all stamped with the step's time.
   */
  advance(toTime: number, emit: (event: MarketEvent) => void): void {
    while (this.time + SIM_STEP_MS <= toTime) {
      this.time += SIM_STEP_MS;
      for (const simulator of this.simulators) simulator.step(this.time, SIM_STEP_MS, emit);
    }
  }

  /** The latest book snapshot (the one last emitted, or the opening book before the first step). */
  book(symbol: string): OrderBook {
    return this.entry(symbol).simulator.book;
  }

  lastPrice(symbol: string): number {
    return this.entry(symbol).simulator.lastPrice;
  }

  regime(symbol: string): VolatilityRegime {
    return this.entry(symbol).simulator.regime;
  }

  /** Closed candles before startTime, oldest first, the last one closing at the start price. */
  history(symbol: string, timeframe: Timeframe, limit: number): Candle[] {
    const { simulator, index } = this.entry(symbol);
    const salt = HISTORY_SALT + index * TIMEFRAMES.length + TIMEFRAMES.indexOf(timeframe);
    return simulateHistory({
      spec: simulator.spec,
      seed: deriveSeed(this.seed, salt),
      timeframe,
      limit,
      endTime: this.startTime,
      stepMs: SIM_STEP_MS,
    });
  }

  private entry(symbol: string): { simulator: SymbolSimulator; index: number } {
    const entry = this.bySymbol.get(symbol);
    if (entry === undefined) throw new Error(`unknown simulated symbol ${symbol}`);
    return entry;
  }
}
