import { describe, expect, it } from 'vitest';
import type { StateDelta } from '../../../shared/state.ts';
import type { ClosedTrade } from '../../../shared/trading.ts';
import {
  applyDelta,
  applyFocus,
  applySnapshot,
  mergeOrders,
  removeStrategy,
  upsertOrder,
  upsertStrategy,
} from './reducers.ts';
import { initialTerminalState, LIST_LIMITS, type TerminalState } from './terminal-state.ts';
import { candle, fill, momentum, order, position, riskStatus, snapshot } from './test-fixtures.ts';

const delta = (changes: Omit<StateDelta, 'seq' | 'ts'>, seq = 1): StateDelta => ({ seq, ts: 0, ...changes });
const synced = (): TerminalState => applySnapshot(initialTerminalState, snapshot());

describe('applySnapshot', () => {
  it('replaces the whole picture and marks the connection synced', () => {
    const state = synced();
    expect(state.market.focus).toEqual({ symbol: 'BTC/USDT', timeframe: '1m' });
    expect(state.portfolio.account?.equity).toBe(100_000);
    expect(state.connection.synced).toBe(true);
    expect(state.settings?.mode).toBe('paper');
  });

  it('sorts the candle history oldest first and bumps its version so the chart redraws', () => {
    const state = synced();
    expect(state.market.candles.map((c) => c.openTime)).toEqual([60_000, 120_000]);
    expect(state.market.candleHistoryVersion).toBe(1);
    expect(applySnapshot(state, snapshot()).market.candleHistoryVersion).toBe(2);
  });

  it('keeps only candles of the focus and drops closed positions', () => {
    const state = applySnapshot(
      initialTerminalState,
      snapshot({
        candles: [candle(60_000, 1), candle(60_000, 2, { timeframe: '5m' }), candle(60_000, 3, { symbol: 'ETH/USDT' })],
        positions: [position('BTC/USDT', 1), position('ETH/USDT', 0)],
      }),
    );
    expect(state.market.candles).toHaveLength(1);
    expect(state.portfolio.positions.map((p) => p.symbol)).toEqual(['BTC/USDT']);
  });

  it('bounds the newest-first lists', () => {
    const many = Array.from({ length: LIST_LIMITS.fills + 10 }, (_, i) => fill(`t${i}`, 10_000 - i));
    expect(applySnapshot(initialTerminalState, snapshot({ fills: many })).orders.fills).toHaveLength(LIST_LIMITS.fills);
  });
});

describe('applyDelta', () => {
  it('shows a log entry and a signal once when a delta repeats what the snapshot already held', () => {
    const entry = { ts: 5, level: 'info' as const, source: 'system' as const, message: 'Engine started in shadow mode.' };
    const signal = { strategyId: 'm', symbol: 'BTC/USDT', direction: 'long' as const, strength: 1, price: 1, ts: 5, meta: {} };
    const start = applySnapshot(initialTerminalState, snapshot({ log: [entry], signals: [signal] }));
    const state = applyDelta(start, delta({ log: [entry], signals: [signal] }));
    expect(state.log.entries).toHaveLength(1);
    expect(state.log.signals).toHaveLength(1);
  });

  it('upserts tickers by symbol', () => {
    const state = applyDelta(synced(), delta({ tickers: [{ symbol: 'ETH/USDT', ts: 2, bid: 1, ask: 2, last: 1.5 }] }));
    expect(Object.keys(state.market.tickers).sort()).toEqual(['BTC/USDT', 'ETH/USDT']);
  });

  it('updates the forming candle in place and appends the next one', () => {
    let state = applyDelta(synced(), delta({ candles: [candle(120_000, 105, { closed: false })] }));
    expect(state.market.candles.map((c) => c.close)).toEqual([101, 105]);
    state = applyDelta(state, delta({ candles: [candle(180_000, 106)] }));
    expect(state.market.candles.map((c) => c.openTime)).toEqual([60_000, 120_000, 180_000]);
    expect(state.market.candleHistoryVersion).toBe(1);
  });

  it('ignores candles and books for anything but the focus', () => {
    const before = synced();
    const state = applyDelta(
      before,
      delta({
        candles: [candle(180_000, 1, { symbol: 'ETH/USDT' }), candle(180_000, 1, { timeframe: '5m' })],
        book: { symbol: 'ETH/USDT', ts: 2, bids: [], asks: [] },
      }),
    );
    expect(state.market).toBe(before.market);
  });

  it('upserts positions by symbol and removes a position whose size is 0', () => {
    let state = applyDelta(synced(), delta({ positions: [position('BTC/USDT', 1), position('ETH/USDT', -2)] }));
    state = applyDelta(state, delta({ positions: [position('BTC/USDT', 3)] }));
    expect(state.portfolio.positions.map((p) => [p.symbol, p.size])).toEqual([
      ['BTC/USDT', 3],
      ['ETH/USDT', -2],
    ]);
    state = applyDelta(state, delta({ positions: [position('BTC/USDT', 0)] }));
    expect(state.portfolio.positions.map((p) => p.symbol)).toEqual(['ETH/USDT']);
  });

  it('moves an order from open to history when it finishes', () => {
    let state = applyDelta(synced(), delta({ orders: [order('c1')] }));
    expect(state.orders.open.map((o) => o.clientOrderId)).toEqual(['c1']);
    state = applyDelta(state, delta({ orders: [order('c1', { status: 'filled', filled: 1, updatedAt: 2_000 })] }));
    expect(state.orders.open).toEqual([]);
    expect(state.orders.history.map((o) => [o.clientOrderId, o.status])).toEqual([['c1', 'filled']]);
  });

  it('keeps fills newest first without duplicates', () => {
    let state = applyDelta(synced(), delta({ fills: [fill('t1', 1), fill('t2', 2)] }));
    state = applyDelta(state, delta({ fills: [fill('t2', 2), fill('t3', 3)] }));
    expect(state.orders.fills.map((f) => f.tradeId)).toEqual(['t3', 't2', 't1']);
  });

  it('lists closed trades newest first, each delta adding the trades it closed in time order', () => {
    const trade = (symbol: string, exitTs: number): ClosedTrade => ({ symbol, side: 'long', entryTs: exitTs - 10, exitTs, size: 1, entryPrice: 100, exitPrice: 101, pnl: 1, fees: 0 });
    let state = applySnapshot(initialTerminalState, snapshot({ closedTrades: [trade('BTC/USDT', 2), trade('ETH/USDT', 1)] }));
    state = applyDelta(state, delta({ closedTrades: [trade('ETH/USDT', 3), trade('BTC/USDT', 4)] }));
    expect(state.portfolio.closedTrades.map((t) => t.exitTs)).toEqual([4, 3, 2, 1]);
    const many = Array.from({ length: LIST_LIMITS.closedTrades + 5 }, (_, i) => trade('BTC/USDT', 10 + i));
    expect(applyDelta(state, delta({ closedTrades: many })).portfolio.closedTrades[0]!.exitTs).toBe(10 + LIST_LIMITS.closedTrades + 4);
    expect(applyDelta(state, delta({ closedTrades: many })).portfolio.closedTrades).toHaveLength(LIST_LIMITS.closedTrades);
  });

  it('adds signals, log lines and risk events newest first', () => {
    const state = applyDelta(
      synced(),
      delta({
        log: [
          { ts: 1, level: 'info', source: 'system', message: 'first' },
          { ts: 2, level: 'warn', source: 'risk', message: 'second' },
        ],
        riskEvents: [{ ts: 5, kind: 'halt', code: 'MANUAL_HALT', message: 'halted' }],
      }),
    );
    expect(state.log.entries.map((e) => e.message)).toEqual(['second', 'first']);
    expect(state.risk.events.map((e) => e.code)).toEqual(['MANUAL_HALT']);
  });

  it('leaves untouched slices identical so their panels do not re-render', () => {
    const before = synced();
    const state = applyDelta(before, delta({ tickers: [{ symbol: 'BTC/USDT', ts: 3, bid: 1, ask: 2, last: 1 }] }, 7));
    expect(state.orders).toBe(before.orders);
    expect(state.portfolio).toBe(before.portfolio);
    expect(state.risk).toBe(before.risk);
    expect(state.strategies).toBe(before.strategies);
    expect(state.log).toBe(before.log);
    expect(state.connection.lastSeq).toBe(7);
  });

  it('replaces the risk status, account, settings and feed it carries', () => {
    const state = applyDelta(
      synced(),
      delta({ risk: { ...riskStatus, state: 'HALTED' }, feed: { source: 'sim', status: 'stale', lastEventTs: 1, eventsPerSecond: 0 } }),
    );
    expect(state.risk.status?.state).toBe('HALTED');
    expect(state.market.feed?.status).toBe('stale');
  });
});

describe('mergeOrders', () => {
  it('ignores an answer older than the update already held', () => {
    const slice = mergeOrders(synced().orders, [order('c1', { status: 'filled', updatedAt: 2_000 })]);
    expect(mergeOrders(slice, [order('c1', { status: 'open', updatedAt: 1_000 })])).toBe(slice);
  });

  it('never moves a finished order back to open', () => {
    const slice = mergeOrders(synced().orders, [order('c1', { status: 'cancelled', updatedAt: 2_000 })]);
    const next = mergeOrders(slice, [order('c1', { status: 'open', updatedAt: 2_000 })]);
    expect(next.open).toEqual([]);
    expect(next.history[0].status).toBe('cancelled');
  });

  it('keeps an unknown order open until it is reconciled', () => {
    const next = mergeOrders(synced().orders, [order('c1', { status: 'unknown' })]);
    expect(next.open.map((o) => o.status)).toEqual(['unknown']);
  });
});

describe('command answers', () => {
  it('applies a focus change with its own candle history and book', () => {
    const state = applyFocus(synced(), {
      focus: { symbol: 'BTC/USDT', timeframe: '5m' },
      candles: [candle(300_000, 9, { timeframe: '5m' })],
      book: null,
    });
    expect(state.market.focus?.timeframe).toBe('5m');
    expect(state.market.candles.map((c) => c.close)).toEqual([9]);
    expect(state.market.candleHistoryVersion).toBe(2);
    expect(state.market.book).toBeNull();
  });

  it('upserts a strategy by id and removes one on request', () => {
    let state = upsertStrategy(synced(), momentum('m1'));
    state = upsertStrategy(state, momentum('m1', { active: true }));
    expect(state.strategies.list.map((s) => [s.config.id, s.config.active])).toEqual([['m1', true]]);
    expect(removeStrategy(state, 'm1').strategies.list).toEqual([]);
  });

  it('upserts a placed order into open orders', () => {
    expect(upsertOrder(synced(), order('c9')).orders.open.map((o) => o.clientOrderId)).toEqual(['c9']);
  });
});
