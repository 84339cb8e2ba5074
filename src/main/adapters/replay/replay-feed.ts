import type { Candle, FeedHealth, MarketEvent, SymbolInfo, Timeframe } from '../../../shared/market.ts';
import type { Clock, MarketFeed } from '../../engine/ports.ts';

export function eventTime(event: MarketEvent): number {
  switch (event.type) {
    case 'ticker':
      return event.ticker.ts;
    case 'book':
      return event.book.ts;
    case 'trade':
      return event.trade.ts;
    case 'candle':
      return event.candle.openTime;
  }
}

export function eventSymbol(event: MarketEvent): string {
  switch (event.type) {
    case 'ticker':
      return event.ticker.symbol;
    case 'book':
      return event.book.symbol;
    case 'trade':
      return event.trade.symbol;
    case 'candle':
      return event.candle.symbol;
  }
}

/** A clock that shows the time of the last replayed event: recorded data runs on recorded time. */
export class ReplayClock implements Clock {
  private current: number;
  constructor(start = 0) {
    this.current = start;
  }
  now(): number {
    return this.current;
  }
  set(ts: number): void {
    if (ts > this.current) this.current = ts;
  }
}

/**
 * A feed driven by the caller: recorded events pushed in time order, synchronously, with no timers.
 * Backtests, benchmarks and engine tests use it to run the real engine on known data.
 */
export class ReplayFeed implements MarketFeed {
  readonly source: string;
  readonly clock: ReplayClock;
  private readonly symbolList: SymbolInfo[];
  private readonly historyFor: (symbol: string, timeframe: Timeframe, limit: number) => Candle[];
  private listener: (event: MarketEvent) => void = () => {};
  private running = false;
  private events = 0;

  constructor(options: {
    symbols: SymbolInfo[];
    source?: string;
    startTime?: number;
    history?: (symbol: string, timeframe: Timeframe, limit: number) => Candle[];
  }) {
    this.symbolList = options.symbols;
    this.source = options.source ?? 'replay';
    this.clock = new ReplayClock(options.startTime ?? 0);
    this.historyFor = options.history ?? (() => []);
  }

  symbols(): SymbolInfo[] {
    return this.symbolList;
  }
  setListener(listener: (event: MarketEvent) => void): void {
    this.listener = listener;
  }
  start(): void {
    this.running = true;
  }
  stop(): void {
    this.running = false;
  }
  async history(symbol: string, timeframe: Timeframe, limit: number): Promise<Candle[]> {
    return this.historyFor(symbol, timeframe, limit);
  }
  health(): FeedHealth {
    return { source: this.source, status: this.running ? 'live' : 'stopped', lastEventTs: this.clock.now(), eventsPerSecond: 0 };
  }

  push(event: MarketEvent): void {
    this.clock.set(eventTime(event));
    this.events++;
    this.listener(event);
  }

  /** Events pushed so far. */
  count(): number {
    return this.events;
  }
}
