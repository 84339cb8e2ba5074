// Candles per second of a candle backtest, one core, for momentum and mean reversion at the desk's
// default parameters on a random walk of 1m BTC/USDT candles:
//
//   node --expose-gc scripts/candle-backtest-speed.ts [candles] [path]
//
// path is 'candles' (the input runBacktest gets for a candle dataset) or 'events' (the same candles
// turned into market events first, which runs the full engine); default both. Each figure is the
// median of three timed runs after one warm-up run: by the wall clock, and per second of the process's
// CPU time (steadier on a shared machine; it counts V8's GC threads too). Building the input is not timed.
import type { BacktestRequest } from '../src/shared/backtest.ts';
import { TIMEFRAME_MS, type Candle } from '../src/shared/market.ts';
import { DEFAULT_RISK_LIMITS } from '../src/shared/risk.ts';
import { DEFAULT_SIM_SYMBOLS } from '../src/main/adapters/sim/sim-symbols.ts';
import type { BacktestInput } from '../src/main/backtest/backtest-run.ts';
import { candleColumns } from '../src/main/backtest/candle-columns.ts';
import { eventsFromCandles } from '../src/main/backtest/events-from-candles.ts';
import { runBacktest } from '../src/main/backtest/run-backtest.ts';

const count = Number(process.argv[2] ?? 500_000);
const paths = process.argv[3] === undefined ? ['candles', 'events'] : [process.argv[3]];
const info = DEFAULT_SIM_SYMBOLS.find((spec) => spec.info.symbol === 'BTC/USDT')!.info;
const START = Date.UTC(2024, 0, 1);
const MINUTE = TIMEFRAME_MS['1m'];

/** A seeded random walk: about 0.1% a minute, wicks on both sides, volume around 5 BTC. */
function randomCandles(n: number): Candle[] {
  let seed = 12_345;
  const random = (): number => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
  const cents = (x: number): number => Math.round(x * 100) / 100;
  const candles: Candle[] = [];
  let close = 60_000;
  for (let i = 0; i < n; i++) {
    const open = close;
    close = cents(open * (1 + (random() - 0.5) * 0.002));
    const high = cents(Math.max(open, close) * (1 + random() * 0.0005));
    const low = cents(Math.min(open, close) * (1 - random() * 0.0005));
    candles.push({ symbol: info.symbol, timeframe: '1m', openTime: START + i * MINUTE, open, high, low, close, volume: Math.round(random() * 10_000) / 1000, closed: true });
  }
  return candles;
}

const candles = randomCandles(count);
const base = { symbol: info, riskLimits: DEFAULT_RISK_LIMITS };
const inputs: Record<string, () => Omit<BacktestInput, 'request'>> = {
  candles: () => ({ ...base, candles: candleColumns(candles, '1m') }),
  events: () => ({ ...base, events: eventsFromCandles(candles, info) }),
};

for (const path of paths) {
  const data = inputs[path]!();
  for (const kind of ['momentum', 'mean-reversion'] as const) {
    const request: BacktestRequest = {
      strategy: { kind, params: { orderSize: 0.05 } },
      symbol: info.symbol,
      timeframe: '1m',
      from: START,
      to: START + count * MINUTE,
      source: { kind: 'simulated', seed: 1 },
      startingCapital: 100_000,
    };
    const wall: number[] = [];
    const cpu: number[] = [];
    let fills = 0;
    for (let run = 0; run < 4; run++) {
      (globalThis as { gc?: () => void }).gc?.();
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const outcome = await runBacktest({ ...data, request } as BacktestInput);
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpuBefore);
      fills = outcome.fills.length;
      if (run === 0) continue;
      wall.push(count / seconds);
      cpu.push(count / ((used.user + used.system) / 1e6));
    }
    const median = (rates: number[]): string => Math.round([...rates].sort((a, b) => a - b)[1]!).toLocaleString('en-US');
    console.log(`${path.padEnd(7)} ${kind.padEnd(14)} ${median(wall).padStart(11)} candles/s, ${median(cpu).padStart(11)} per CPU-second  (${fills} fills)`);
  }
}
