// One simulated instrument: its mid price, its L2 book around that price and the trades that print
// against it, stepped in fixed increments of sim time.
import type { BookLevel, MarketEvent, OrderBook, SymbolInfo } from '../../../shared/market.ts';
import { DecimalGrid } from './decimal-grid.ts';
import { PriceProcess, type VolatilityRegime } from './price-process.ts';
import type { Random } from './random.ts';
import type { SimSymbolSpec } from './sim-symbols.ts';
import { samplePoisson, sampleTradeSize, tradeIntensity } from './trade-flow.ts';

export const BOOK_DEPTH = 25;

/** Volatile regimes widen the spread and the gaps between levels, and thin the book. */
const VOLATILE_SPREAD_FACTOR = 3;
const VOLATILE_LEVEL_STEP_FACTOR = 2;
const VOLATILE_DEPTH_FACTOR = 0.6;
/** Each level's size wanders (AR(1) in log, unit stationary sd) so the book breathes instead of flickering. */
const LEVEL_NOISE_PERSISTENCE = 0.9;
const LEVEL_NOISE_KICK = Math.sqrt(1 - LEVEL_NOISE_PERSISTENCE * LEVEL_NOISE_PERSISTENCE);
const LEVEL_SIZE_LOG_SD = 0.5;
/** Overall liquidity wanders slowly, with a log-sd of about 0.45. */
const DEPTH_PERSISTENCE = 0.998;
const DEPTH_KICK = 0.03;
/** How strongly aggressor side follows the price move: P(buy) = 0.5 + this × tanh(shock). */
const AGGRESSOR_LEAN = 0.45;

export class SymbolSimulator {
  readonly info: SymbolInfo;
  readonly spec: SimSymbolSpec;
  private readonly random: Random;
  private readonly process: PriceProcess;
  private readonly prices: DecimalGrid;
  private readonly sizes: DecimalGrid;
  private readonly minSizeUnits: number;
  private readonly bidNoise = new Float64Array(BOOK_DEPTH);
  private readonly askNoise = new Float64Array(BOOK_DEPTH);
  private logMid: number;
  private depthLog = 0;
  private tradeSequence = 0;
  private lastTradePrice: number;
  private currentBook: OrderBook;

  constructor(spec: SimSymbolSpec, random: Random, startTime: number) {
    this.spec = spec;
    this.info = spec.info;
    this.random = random;
    this.process = new PriceProcess(spec, random);
    this.prices = new DecimalGrid(spec.info.tickSize);
    this.sizes = new DecimalGrid(spec.info.lotSize);
    this.minSizeUnits = Math.max(1, Math.ceil(this.sizes.units(spec.info.minSize) - 1e-9));
    this.lastTradePrice = this.prices.round(spec.startPrice);
    this.logMid = Math.log(this.lastTradePrice);
    this.currentBook = this.buildBook(startTime);
  }

  get book(): OrderBook {
    return this.currentBook;
  }

  get lastPrice(): number {
    return this.lastTradePrice;
  }

  get regime(): VolatilityRegime {
    return this.process.regime;
  }

  /** Moves the market by dtMs and emits its trades, then a fresh book, then a ticker, all stamped ts. */
  step(ts: number, dtMs: number, emit: (event: MarketEvent) => void): void {
    this.logMid += this.process.nextLogReturn(dtMs);
    this.evolveDepth();
    const book = this.buildBook(ts);
    const bestBid = book.bids[0][0];
    const bestAsk = book.asks[0][0];

    const shock = this.process.shock;
    const tradeCount = samplePoisson(this.random, (tradeIntensity(this.spec, this.process.regime, shock) * dtMs) / 1000);
    const buyProbability = 0.5 + AGGRESSOR_LEAN * Math.tanh(shock);
    for (let index = 0; index < tradeCount; index++) {
      const side = this.random.next() < buyProbability ? 'buy' : 'sell';
      const price = side === 'buy' ? bestAsk : bestBid;
      this.lastTradePrice = price;
      emit({
        type: 'trade',
        trade: { symbol: this.info.symbol, ts, id: `sim-${++this.tradeSequence}`, price, size: this.tradeSize(), side },
      });
    }

    this.currentBook = book;
    emit({ type: 'book', book });
    emit({ type: 'ticker', ticker: { symbol: this.info.symbol, ts, bid: bestBid, ask: bestAsk, last: this.lastTradePrice } });
  }

  private tradeSize(): number {
    const units = Math.round(this.sizes.units(sampleTradeSize(this.random, this.spec.tradeSize)));
    return this.sizes.value(Math.max(this.minSizeUnits, units));
  }

  private evolveDepth(): void {
    const random = this.random;
    this.depthLog = DEPTH_PERSISTENCE * this.depthLog + DEPTH_KICK * random.normal();
    for (let level = 0; level < BOOK_DEPTH; level++) {
      this.bidNoise[level] = LEVEL_NOISE_PERSISTENCE * this.bidNoise[level] + LEVEL_NOISE_KICK * random.normal();
      this.askNoise[level] = LEVEL_NOISE_PERSISTENCE * this.askNoise[level] + LEVEL_NOISE_KICK * random.normal();
    }
  }

  /** A new snapshot every time: emitted books are never mutated afterwards. */
  private buildBook(ts: number): OrderBook {
    const volatile = this.process.regime === 'volatile';
    const mid = Math.exp(this.logMid);
    const midUnits = this.prices.units(mid);
    const jitter = 0.75 + 0.5 * this.random.next();
    const spreadTicks = Math.max(1, Math.round(midUnits * (this.spec.spreadBps / 10_000) * (volatile ? VOLATILE_SPREAD_FACTOR : 1) * jitter));
    const levelStepTicks = Math.max(
      1,
      Math.round(midUnits * (this.spec.levelStepBps / 10_000) * (volatile ? VOLATILE_LEVEL_STEP_FACTOR : 1)),
    );
    // Keep the whole bid ladder above zero however low the price wanders.
    const lowestBid = 1 + levelStepTicks * (BOOK_DEPTH - 1);
    const bestBidTicks = Math.max(lowestBid, Math.floor(midUnits - spreadTicks / 2));
    const bestAskTicks = bestBidTicks + spreadTicks;

    const touchSize = this.spec.touchSize * Math.exp(this.depthLog) * (volatile ? VOLATILE_DEPTH_FACTOR : 1);
    const bids: BookLevel[] = [];
    const asks: BookLevel[] = [];
    for (let level = 0; level < BOOK_DEPTH; level++) {
      // Deeper levels hold more, as in real books.
      const typicalSize = touchSize * (0.7 + 0.15 * level);
      bids.push([this.prices.value(bestBidTicks - level * levelStepTicks), this.levelSize(typicalSize, this.bidNoise[level])]);
      asks.push([this.prices.value(bestAskTicks + level * levelStepTicks), this.levelSize(typicalSize, this.askNoise[level])]);
    }
    return { symbol: this.info.symbol, ts, bids, asks };
  }

  private levelSize(typicalSize: number, noise: number): number {
    const units = Math.round(this.sizes.units(typicalSize * Math.exp(LEVEL_SIZE_LOG_SD * noise)));
    return this.sizes.value(Math.max(this.minSizeUnits, units));
  }
}
