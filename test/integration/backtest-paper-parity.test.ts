// A strategy with exits, run as a backtest and as a paper session fed the same recorded events through
// the public contract: the same fills, one for one, exits included.
import { afterEach, describe, expect, it } from 'vitest';
import { eventsFromCandles } from '../../src/main/backtest/events-from-candles.ts';
import { runBacktest } from '../../src/main/backtest/run-backtest.ts';
import type { EventInput } from '../../src/main/backtest/backtest-run.ts';
import { TIMEFRAME_MS, type Candle } from '../../src/shared/market.ts';
import { DEFAULT_RISK_LIMITS } from '../../src/shared/risk.ts';
import { openContractDesk, type ContractDesk } from '../support/contract-desk.ts';
import { candle, inputFrom, request, sampleDataset, sampleInput } from './backtest-support.ts';

let desk: ContractDesk | undefined;
afterEach(async () => {
  await desk?.close();
});

const PARAMS = { lookback: 10, threshold: 0.002, orderSize: 0.2, stopLoss: 0.25, takeProfit: 0.5 };
// Recorded 1m candles are four prints 20 s apart: quiet stretches of the data, not an outage.
const LIMITS = { ...DEFAULT_RISK_LIMITS, staleFeedMs: 3_600_000 };

async function paperFills(input: EventInput) {
  desk = await openContractDesk({ symbols: [input.symbol], startTime: input.request.from });
  await desk.ok('settings.update', { startingCapital: input.request.startingCapital, riskLimits: LIMITS });
  const strategy = await desk.ok('strategy.create', { kind: 'momentum', symbol: input.symbol.symbol, timeframe: '1m', params: PARAMS });
  await desk.ok('strategy.setActive', { id: strategy.config.id, active: true });
  for (const event of input.events) desk.push(event);
  return (await desk.snapshot()).fills.slice().reverse();
}

/** Candles that open away from the last close (up to ±0.6%), so exits fire on a new candle's first print. */
function gappingCandles(count: number, from: number): Candle[] {
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const candles: Candle[] = [];
  let close = 100;
  for (let i = 0; i < count; i++) {
    const open = Math.round(close * (1 + (random() - 0.5) * 0.012) * 100) / 100;
    const next = Math.round(open * (1 + (random() - 0.5) * 0.01) * 100) / 100;
    const high = Math.max(open, next) + Math.round(random() * 20) / 100;
    const low = Math.min(open, next) - Math.round(random() * 20) / 100;
    candles.push(candle(from + i * TIMEFRAME_MS['1m'], open, high, low, next, 40));
    close = next;
  }
  return candles;
}

describe('a strategy with exits', () => {
  it('fills the same in a backtest and in a paper session replaying the same candles', async () => {
    const from = sampleDataset().info.from;
    const to = from + 600 * TIMEFRAME_MS['1m'];
    const input = { ...sampleInput({ from, to, strategy: { kind: 'momentum', params: PARAMS } }), riskLimits: LIMITS };
    const backtest = await runBacktest(input);
    const paper = await paperFills(input);
    expect(backtest.fills.length).toBeGreaterThan(10);
    expect(backtest.fills.length).toBeLessThan(200); // the snapshot lists the newest 200
    expect(paper.filter((f) => /-(sl|tp)$/.test(f.clientOrderId)).length).toBeGreaterThan(3);
    expect(paper.map((f) => ({ ts: f.ts, side: f.side, price: f.price, size: f.size }))).toEqual(backtest.fills);
  });

  it('fills the same when candles open past an exit', async () => {
    const from = Date.UTC(2025, 0, 6);
    const info = { ...sampleInput().symbol, tickSize: 0.01, lotSize: 0.001, minSize: 0.001, minNotional: 0 };
    const candles = gappingCandles(300, from);
    const req = request({ from, to: from + 300 * TIMEFRAME_MS['1m'], strategy: { kind: 'momentum', params: PARAMS } });
    const input = { ...inputFrom(req, info, eventsFromCandles(candles, info)), riskLimits: LIMITS };
    const backtest = await runBacktest(input);
    const paper = await paperFills(input);
    expect(paper.filter((f) => /-(sl|tp)$/.test(f.clientOrderId) && f.ts % TIMEFRAME_MS['1m'] === 0).length).toBeGreaterThan(0);
    expect(paper.map((f) => ({ ts: f.ts, side: f.side, price: f.price, size: f.size }))).toEqual(backtest.fills);
  });
});
