import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MarketEvent, OrderBook, Trade } from '../../../shared/market.ts';
import { YEAR_MS } from './price-process.ts';
import { DEFAULT_SIM_SYMBOLS } from './sim-symbols.ts';
import { SIM_STEP_MS, SimulatedMarket } from './simulated-market.ts';

const START = Date.UTC(2025, 2, 3, 14, 0, 0);
const HOUR = 3_600_000;

function firstEvents(seed: number, count: number): MarketEvent[] {
  const market = new SimulatedMarket({ seed, startTime: START });
  const events: MarketEvent[] = [];
  while (events.length < count) market.advance(market.now() + SIM_STEP_MS, (event) => events.push(event));
  return events.slice(0, count);
}

function isOnGrid(value: number, step: number): boolean {
  const units = value / step;
  return Math.abs(units - Math.round(units)) < 1e-6;
}

function bookProblems(book: OrderBook, tickSize: number): string[] {
  const problems: string[] = [];
  if (book.bids.length < 20 || book.asks.length < 20) problems.push('fewer than 20 levels');
  if (!(book.bids[0][0] < book.asks[0][0])) problems.push('crossed or locked');
  for (let level = 1; level < book.bids.length; level++) {
    if (!(book.bids[level][0] < book.bids[level - 1][0])) problems.push(`bids not descending at ${level}`);
  }
  for (let level = 1; level < book.asks.length; level++) {
    if (!(book.asks[level][0] > book.asks[level - 1][0])) problems.push(`asks not ascending at ${level}`);
  }
  for (const [price, size] of [...book.bids, ...book.asks]) {
    if (!(price > 0) || !(size > 0)) problems.push(`non-positive level ${price} x ${size}`);
    if (!isOnGrid(price, tickSize)) problems.push(`price ${price} off the tick grid`);
  }
  return problems;
}

describe('SimulatedMarket', () => {
  it('lists BTC, ETH and SOL against USDT with maker and taker fees', () => {
    const symbols = new SimulatedMarket({ seed: 1, startTime: START }).symbols();
    expect(symbols.map((s) => s.symbol)).toEqual(['BTC/USDT', 'ETH/USDT', 'SOL/USDT']);
    for (const info of symbols) {
      expect(info.makerFee).toBe(0.0002);
      expect(info.takerFee).toBe(0.0005);
      expect(info.minSize).toBeGreaterThanOrEqual(info.lotSize);
    }
  });

  it('starts each symbol at its start price with a book around it', () => {
    const market = new SimulatedMarket({ seed: 1, startTime: START });
    expect(market.lastPrice('BTC/USDT')).toBe(65_000);
    const book = market.book('ETH/USDT');
    expect(book.ts).toBe(START);
    expect(book.bids[0][0]).toBeLessThanOrEqual(3_200);
    expect(book.asks[0][0]).toBeGreaterThanOrEqual(3_200);
  });

  it('emits the identical event stream for the same seed', () => {
    expect(firstEvents(2024, 3_000)).toEqual(firstEvents(2024, 3_000));
  });

  it('emits a different event stream for a different seed', () => {
    expect(firstEvents(2024, 300)).not.toEqual(firstEvents(2025, 300));
  });

  it('gives the same stream however advance() is sliced', () => {
    const whole: MarketEvent[] = [];
    new SimulatedMarket({ seed: 5, startTime: START }).advance(START + 20_000, (event) => whole.push(event));
    const sliced: MarketEvent[] = [];
    const market = new SimulatedMarket({ seed: 5, startTime: START });
    for (const until of [START + 37, START + 250, START + 251, START + 9_999, START + 20_000]) {
      market.advance(until, (event) => sliced.push(event));
    }
    expect(sliced).toEqual(whole);
  });

  it('advances in whole 100 ms steps and stamps events with sim time in order', () => {
    const market = new SimulatedMarket({ seed: 3, startTime: START });
    const stamps: number[] = [];
    market.advance(START + 1_050, (event) => {
      if (event.type === 'trade') stamps.push(event.trade.ts);
      if (event.type === 'book') stamps.push(event.book.ts);
      if (event.type === 'ticker') stamps.push(event.ticker.ts);
    });
    expect(market.now()).toBe(START + 1_000);
    expect(stamps.every((ts, index) => index === 0 || ts >= stamps[index - 1])).toBe(true);
    expect(stamps.every((ts) => (ts - START) % SIM_STEP_MS === 0 && ts > START)).toBe(true);
    market.advance(START + 500, () => expect.fail('advancing into the past must emit nothing'));
  });

  it('emits per step and symbol its trades, then a book, then a ticker that quotes that book', () => {
    const market = new SimulatedMarket({ seed: 9, startTime: START });
    const events: MarketEvent[] = [];
    market.advance(START + 30_000, (event) => events.push(event));
    let pendingTrades: Trade[] = [];
    let lastBook: OrderBook | undefined;
    let books = 0;
    for (const event of events) {
      if (event.type === 'trade') pendingTrades.push(event.trade);
      if (event.type === 'book') {
        books++;
        lastBook = event.book;
        for (const trade of pendingTrades) {
          expect(trade.symbol).toBe(event.book.symbol);
          expect(trade.price).toBe(trade.side === 'buy' ? event.book.asks[0][0] : event.book.bids[0][0]);
        }
        pendingTrades = [];
      }
      if (event.type === 'ticker') {
        expect(event.ticker.symbol).toBe(lastBook?.symbol);
        expect(event.ticker.bid).toBe(lastBook?.bids[0][0]);
        expect(event.ticker.ask).toBe(lastBook?.asks[0][0]);
      }
    }
    expect(books).toBe(300 * 3);
    expect(market.book('SOL/USDT')).toBe(lastBook);
  });

  it('keeps every book sorted, uncrossed, on the tick grid and at least 20 levels deep', () => {
    const ticks = new Map(DEFAULT_SIM_SYMBOLS.map((spec) => [spec.info.symbol, spec.info.tickSize]));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 1, max: 3_000 }), (seed, steps) => {
        const market = new SimulatedMarket({ seed, startTime: START });
        const problems: string[] = [];
        market.advance(START + steps * SIM_STEP_MS, (event) => {
          if (event.type === 'book') problems.push(...bookProblems(event.book, ticks.get(event.book.symbol) ?? 0));
        });
        expect(problems).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });

  it('prints trades of at least the minimum size on the lot grid', () => {
    const market = new SimulatedMarket({ seed: 21, startTime: START });
    const infos = new Map(market.symbols().map((info) => [info.symbol, info]));
    let trades = 0;
    market.advance(START + 120_000, (event) => {
      if (event.type !== 'trade') return;
      trades++;
      const info = infos.get(event.trade.symbol);
      expect(event.trade.size).toBeGreaterThanOrEqual(info?.minSize ?? Infinity);
      expect(isOnGrid(event.trade.size, info?.lotSize ?? 1)).toBe(true);
    });
    expect(trades).toBeGreaterThan(500);
  });

  it('moves prices like a crypto market over an hour: positive, annualized volatility between 15% and 300%', () => {
    for (const seed of [1, 2, 3]) {
      const market = new SimulatedMarket({ seed, startTime: START });
      const minuteMids = new Map<string, number[]>();
      let lowestPrice = Infinity;
      market.advance(START + HOUR, (event) => {
        if (event.type === 'trade') lowestPrice = Math.min(lowestPrice, event.trade.price);
        if (event.type === 'book' && (event.book.ts - START) % 60_000 === 0) {
          const mids = minuteMids.get(event.book.symbol) ?? [];
          mids.push((event.book.bids[0][0] + event.book.asks[0][0]) / 2);
          minuteMids.set(event.book.symbol, mids);
        }
      });
      expect(lowestPrice).toBeGreaterThan(0);
      for (const mids of minuteMids.values()) {
        expect(mids).toHaveLength(60);
        let sumOfSquares = 0;
        for (let index = 1; index < mids.length; index++) {
          const logReturn = Math.log(mids[index] / mids[index - 1]);
          expect(Math.abs(logReturn)).toBeLessThan(0.05);
          sumOfSquares += logReturn * logReturn;
        }
        const annualizedVol = Math.sqrt((sumOfSquares * YEAR_MS) / (59 * 60_000));
        expect(annualizedVol).toBeGreaterThan(0.15);
        expect(annualizedVol).toBeLessThan(3);
      }
    }
  });

  it('leans the aggressor side with the price move', () => {
    const market = new SimulatedMarket({ seed: 8, startTime: START });
    const symbol = 'BTC/USDT';
    let previousMid = (market.book(symbol).bids[0][0] + market.book(symbol).asks[0][0]) / 2;
    let netBuys = 0;
    let agreeing = 0;
    let disagreeing = 0;
    market.advance(START + 10 * 60_000, (event) => {
      if (event.type === 'trade' && event.trade.symbol === symbol) netBuys += event.trade.side === 'buy' ? 1 : -1;
      if (event.type === 'book' && event.book.symbol === symbol) {
        const mid = (event.book.bids[0][0] + event.book.asks[0][0]) / 2;
        const move = Math.sign(mid - previousMid) * Math.sign(netBuys);
        if (move > 0) agreeing++;
        if (move < 0) disagreeing++;
        previousMid = mid;
        netBuys = 0;
      }
    });
    expect(agreeing).toBeGreaterThan(2 * disagreeing);
  });

  it('switches between calm and volatile regimes, and volatile ones have wider spreads', () => {
    const market = new SimulatedMarket({ seed: 4, startTime: START });
    const spreadsBps = new Map<string, { calm: number[]; volatile: number[] }>();
    market.advance(START + 4 * HOUR, (event) => {
      if (event.type !== 'book') return;
      const { bids, asks, symbol } = event.book;
      const bySymbol = spreadsBps.get(symbol) ?? { calm: [], volatile: [] };
      bySymbol[market.regime(symbol)].push(((asks[0][0] - bids[0][0]) / bids[0][0]) * 10_000);
      spreadsBps.set(symbol, bySymbol);
    });
    const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
    let symbolsWithBothRegimes = 0;
    for (const { calm, volatile } of spreadsBps.values()) {
      if (calm.length < 100 || volatile.length < 100) continue;
      symbolsWithBothRegimes++;
      expect(mean(volatile)).toBeGreaterThan(2 * mean(calm));
    }
    expect(symbolsWithBothRegimes).toBeGreaterThanOrEqual(2);
  });

  it('refuses a symbol it does not simulate', () => {
    const market = new SimulatedMarket({ seed: 1, startTime: START });
    expect(() => market.book('XRP/USDT')).toThrow(/unknown simulated symbol/);
  });
});
