// Runs the simulated market in (scaled) wall time as a MarketFeed. Its clock is the simulated time, so
// candles, risk day boundaries and the UI all agree on "now" whatever the speed.
import type { Candle, FeedHealth, MarketEvent, SymbolInfo, Timeframe } from '../../../shared/market.ts';
import { EventRateMeter } from '../../engine/market/event-rate-meter.ts';
import type { Clock, MarketCheckpoint, MarketFeed } from '../../engine/ports.ts';
import type { SimulatedMarket } from './simulated-market.ts';

export interface SimFeedOptions {
  market: SimulatedMarket;
  /** Sim ms per wall ms, 1..100. */
  speed: number;
  /** Wall ms between advances. */
  tickMs?: number;
  wallClock?: () => number;
}

export const MIN_SIM_SPEED = 1;
export const MAX_SIM_SPEED = 100;
const DEFAULT_TICK_MS = 50;
/**
 * Wall time credited per tick at most. After the machine sleeps or the event loop stalls, the market
 * resumes instead of simulating hours in one blocking burst.
 */
const MAX_CATCH_UP_WALL_MS = 1_000;

export class SimFeed implements MarketFeed {
  readonly source = 'simulated';
  readonly clock: Clock;
  private market: SimulatedMarket;
  private readonly tickMs: number;
  private readonly wallClock: () => number;
  private readonly rate = new EventRateMeter();
  private speed: number;
  private listener: ((event: MarketEvent) => void) | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastWall = 0;
  /** Where sim time should be; the fraction below a whole step carries to the next tick. */
  private targetSimTime = 0;
  private eventsThisTick = 0;
  private lastEventTs: number | null = null;
  private readonly emit = (event: MarketEvent): void => {
    this.eventsThisTick++;
    this.listener?.(event);
  };

  constructor(options: SimFeedOptions) {
    this.market = options.market;
    this.speed = checkedSpeed(options.speed);
    this.tickMs = options.tickMs ?? DEFAULT_TICK_MS;
    this.wallClock = options.wallClock ?? Date.now;
    this.clock = { now: () => this.market.now() };
  }

  /** Before start: the market continues from the journal's last time and prices (see SimulatedMarket.resumed). */
  resume(from: MarketCheckpoint): void {
    if (this.timer !== undefined) throw new Error('A running simulated market cannot be resumed from a checkpoint.');
    this.market = this.market.resumed(from, this.wallClock());
  }

  symbols(): SymbolInfo[] {
    return this.market.symbols();
  }

  setListener(listener: (event: MarketEvent) => void): void {
    this.listener = listener;
  }

  start(): void {
    if (this.timer !== undefined) return;
    this.lastWall = this.wallClock();
    this.targetSimTime = this.market.now();
    this.timer = setInterval(() => this.tick(), this.tickMs);
  }

  stop(): void {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Takes effect from now: time already elapsed is credited at the old speed, so nothing jumps. */
  setSpeed(speed: number): void {
    const checked = checkedSpeed(speed);
    if (this.timer !== undefined) this.creditElapsedWallTime();
    this.speed = checked;
  }

  async history(symbol: string, timeframe: Timeframe, limit: number): Promise<Candle[]> {
    return this.market.history(symbol, timeframe, limit);
  }

  health(): FeedHealth {
    return {
      source: this.source,
      status: this.timer === undefined ? 'stopped' : 'live',
      lastEventTs: this.lastEventTs,
      eventsPerSecond: this.rate.perSecond(this.wallClock()),
    };
  }

  private tick(): void {
    const wall = this.creditElapsedWallTime();
    this.eventsThisTick = 0;
    this.market.advance(Math.floor(this.targetSimTime), this.emit);
    if (this.eventsThisTick > 0) this.lastEventTs = this.market.now(); // every step emits, stamped with its time
    this.rate.record(this.eventsThisTick, wall);
  }

  private creditElapsedWallTime(): number {
    const wall = this.wallClock();
    const elapsed = Math.min(Math.max(0, wall - this.lastWall), MAX_CATCH_UP_WALL_MS);
    this.lastWall = wall;
    this.targetSimTime += elapsed * this.speed;
    return wall;
  }
}

function checkedSpeed(speed: number): number {
  if (!Number.isFinite(speed) || speed < MIN_SIM_SPEED || speed > MAX_SIM_SPEED) {
    throw new RangeError(`sim speed must be between ${MIN_SIM_SPEED} and ${MAX_SIM_SPEED}, got ${speed}`);
  }
  return speed;
}
