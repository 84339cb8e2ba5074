// Engine data for the renderer's unit tests.
import type {
  BacktestMetrics,
  BacktestProgress,
  BacktestRequest,
  BacktestResult,
  BacktestSummary,
  SweepCell,
  SweepProgress,
} from '../../../shared/backtest.ts';
import type { Candle, SymbolInfo } from '../../../shared/market.ts';
import { DEFAULT_RISK_LIMITS, type RiskStatus } from '../../../shared/risk.ts';
import { DEFAULT_SETTINGS } from '../../../shared/settings.ts';
import type { EngineSnapshot } from '../../../shared/state.ts';
import type { StrategyView } from '../../../shared/strategy.ts';
import type { AccountSummary, Fill, Order, Position } from '../../../shared/trading.ts';

export const BTC: SymbolInfo = {
  symbol: 'BTC/USDT',
  base: 'BTC',
  quote: 'USDT',
  market: 'spot',
  tickSize: 0.01,
  lotSize: 0.00001,
  minSize: 0.0001,
  minNotional: 0,
  makerFee: 0.001,
  takerFee: 0.001,
};

export function candle(openTime: number, close: number, overrides: Partial<Candle> = {}): Candle {
  return {
    symbol: 'BTC/USDT',
    timeframe: '1m',
    openTime,
    open: close,
    high: close,
    low: close,
    close,
    volume: 1,
    closed: true,
    ...overrides,
  };
}

export function order(clientOrderId: string, overrides: Partial<Order> = {}): Order {
  return {
    clientOrderId,
    id: `venue-${clientOrderId}`,
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'limit',
    size: 1,
    price: 100,
    source: 'manual',
    ts: 1_000,
    status: 'open',
    filled: 0,
    avgFillPrice: 0,
    fees: 0,
    updatedAt: 1_000,
    ...overrides,
  };
}

export function fill(tradeId: string, ts: number, overrides: Partial<Fill> = {}): Fill {
  return {
    orderId: 'o-1',
    clientOrderId: 'c-1',
    tradeId,
    symbol: 'BTC/USDT',
    side: 'buy',
    price: 100,
    size: 1,
    fee: 0.1,
    feeAsset: 'USDT',
    feeAmount: 0.1,
    liquidity: 'taker',
    ts,
    ...overrides,
  };
}

export function position(symbol: string, size: number): Position {
  return { symbol, size, avgPrice: 100, markPrice: 101, realizedPnl: 0, unrealizedPnl: size, fees: 0, dust: false, importedAtMark: false };
}

export const account: AccountSummary = {
  mode: 'paper',
  startingCapital: 100_000,
  cash: 100_000,
  equity: 100_000,
  realizedPnl: 0,
  unrealizedPnl: 0,
  feesPaid: 0,
  peakEquity: 100_000,
  drawdown: 0,
  dayStartEquity: 100_000,
  dailyPnl: 0,
};

export const riskStatus: RiskStatus = {
  state: 'ACTIVE',
  reason: null,
  reasonCode: null,
  limits: DEFAULT_RISK_LIMITS,
  usage: { dailyLoss: 0, drawdown: 0, grossExposure: 0, largestPosition: 0 },
  staleSymbols: [],
};

export function momentum(id: string, overrides: Partial<StrategyView['config']> = {}): StrategyView {
  return {
    config: {
      id,
      kind: 'momentum',
      symbol: 'BTC/USDT',
      timeframe: '1m',
      params: { lookback: 10, threshold: 0.002, orderSize: 0.01 },
      active: false,
      ...overrides,
    } as StrategyView['config'],
    stats: { signals: 0, longSignals: 0, shortSignals: 0, flatSignals: 0, lastSignalTs: null },
    indicators: {},
  };
}

export function meanReversion(id: string, overrides: Partial<StrategyView['config']> = {}): StrategyView {
  return {
    config: {
      id,
      kind: 'mean-reversion',
      symbol: 'BTC/USDT',
      timeframe: '1m',
      params: { period: 20, stdMultiplier: 2, orderSize: 0.01 },
      active: false,
      ...overrides,
    } as StrategyView['config'],
    stats: { signals: 0, longSignals: 0, shortSignals: 0, flatSignals: 0, lastSignalTs: null },
    indicators: {},
  };
}

export function snapshot(overrides: Partial<EngineSnapshot> = {}): EngineSnapshot {
  return {
    symbols: [BTC],
    focus: { symbol: 'BTC/USDT', timeframe: '1m' },
    tickers: { 'BTC/USDT': { symbol: 'BTC/USDT', ts: 1, bid: 99, ask: 101, last: 100 } },
    book: { symbol: 'BTC/USDT', ts: 1, bids: [[99, 1]], asks: [[101, 1]] },
    candles: [candle(120_000, 102), candle(60_000, 101)],
    openOrders: [],
    orderHistory: [],
    fills: [],
    closedTrades: [],
    positions: [],
    account,
    risk: riskStatus,
    strategies: [],
    signals: [],
    log: [],
    feed: { source: 'simulated', status: 'live', lastEventTs: 1, eventsPerSecond: 10 },
    execution: { orders: 0, filledOrders: 0, fillRatio: 0, avgSlippageBps: 0, feesPaid: 0 },
    settings: DEFAULT_SETTINGS,
    ...overrides,
  };
}

export const metrics: BacktestMetrics = {
  totalReturn: 0.12,
  cagr: 0.5,
  sharpe: 1.8,
  sortino: 2.4,
  maxDrawdown: 0.08,
  maxDrawdownDurationMs: 3_600_000,
  calmar: 6.25,
  winRate: 0.55,
  profitFactor: 1.7,
  expectancy: 12.5,
  trades: 40,
  exposure: 0.4,
  feesPaid: 90,
  finalEquity: 112_000,
};

export const backtestRequest: BacktestRequest = {
  strategy: { kind: 'momentum', params: { lookback: 20, threshold: 0.002, orderSize: 0.01 } },
  symbol: 'BTC/USDT',
  timeframe: '1m',
  from: Date.UTC(2024, 0, 1),
  to: Date.UTC(2024, 0, 2),
  source: { kind: 'simulated', seed: 7 },
  startingCapital: 100_000,
};

export function summary(runId: string, createdAt: number, overrides: Partial<BacktestSummary> = {}): BacktestSummary {
  return { runId, createdAt, request: backtestRequest, metrics, events: 1_440, durationMs: 250, ...overrides };
}

export function result(runId: string, overrides: Partial<BacktestResult> = {}): BacktestResult {
  const t0 = backtestRequest.from;
  return {
    ...summary(runId, 1_000),
    trades: [{ side: 'long', entryTs: t0 + 60_000, exitTs: t0 + 180_000, size: 0.01, entryPrice: 100, exitPrice: 110, pnl: 0.09, fees: 0.01 }],
    equity: [
      { ts: t0, equity: 100_000, drawdown: 0 },
      { ts: t0 + 120_000, equity: 99_000, drawdown: 0.01 },
      { ts: t0 + 240_000, equity: 101_000, drawdown: 0 },
    ],
    fills: [
      { ts: t0 + 60_000, side: 'buy', price: 100, size: 0.01 },
      { ts: t0 + 180_000, side: 'sell', price: 110, size: 0.01 },
    ],
    candles: [0, 1, 2, 3].map((i) => ({
      symbol: 'BTC/USDT',
      timeframe: '1m' as const,
      openTime: t0 + i * 60_000,
      open: 100 + i * 3,
      high: 104 + i * 3,
      low: 99 + i * 3,
      close: 103 + i * 3,
      volume: 1,
      closed: true,
    })),
    ...overrides,
  };
}

export function progress(runId: string, state: BacktestProgress['state'], processed = 0, total = 1_000): BacktestProgress {
  return { runId, state, processed, total, eventsPerSecond: 5_000 };
}

export function sweepProgress(sweepId: string, state: SweepProgress['state'], done: number, cells: SweepCell[] = []): SweepProgress {
  return { sweepId, state, done, total: 4, cells };
}
