// Random trading sequences for the desk against the loopback Binance simulator (exchange-vs-venue and
// shadow-vs-model properties): the actions, their arbitraries, turning them into books, prints, prices
// and sizes on BTC/USDT's grid, and the counts the properties report.
import fc from 'fast-check';
import type { BookLevel, SymbolInfo } from '../../src/shared/market.ts';
import type { Side } from '../../src/shared/trading.ts';
import { COMMISSION_RATE } from '../support/exchange-sim/venue.ts';
import { countFigure } from '../support/property-runs.ts';

/** BTC/USDT as the simulator lists it (markets.ts) with Binance's plain 0.1 % commission. */
export const BTC_USDT: SymbolInfo = {
  symbol: 'BTC/USDT',
  base: 'BTC',
  quote: 'USDT',
  market: 'spot',
  tickSize: 0.01,
  lotSize: 0.00001,
  minSize: 0.0001,
  minNotional: 5,
  makerFee: COMMISSION_RATE,
  takerFee: COMMISSION_RATE,
};
export const SIM_SYMBOL = 'BTCUSDT';
/** Modest balances, so that sells of the BTC held happen and buys run into the cash now and then. */
export const START_BALANCES = { USDT: 50_000, BTC: 0.5 };
export const START_MID = 60_005;

// ---------------------------------------------------------------- numbers

const LOT_DECIMALS = 5;
const TICK_DECIMALS = 2;
/** n lots as the decimal a trader types (no 0.30000000000000004). */
export const lots = (n: number): number => Number((n * BTC_USDT.lotSize).toFixed(LOT_DECIMALS));
export const toTick = (price: number): number => Number((Math.max(1, Math.round(price / BTC_USDT.tickSize)) * BTC_USDT.tickSize).toFixed(TICK_DECIMALS));
export const floorLots = (size: number): number => Math.floor(size / BTC_USDT.lotSize + 1e-6);

/** Relative 1e-9 (the simulator keeps 8 decimals), and equal when both are within 1e-12 of zero. */
export function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)) + 1e-12;
}
export function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

// ---------------------------------------------------------------- actions

export interface LevelSpec {
  /** Ticks from the previous level (the first level sits at the touch). */
  gapTicks: number;
  lots: number;
}

export type SizeSpec =
  | { kind: 'value'; usdt: number }
  /** Below the exchange's minimum size of 10 lots: the desk must refuse it. */
  | { kind: 'belowMin'; lots: number }
  /** A share of what the desk holds (sells). */
  | { kind: 'held'; fraction: number };

export type Action =
  | { kind: 'book'; driftBp: number; spreadTicks: number; bids: LevelSpec[]; asks: LevelSpec[] }
  /**
   * A public trade near the mid, or (`atResting`, a pick among the desk's resting orders) at a resting
   * order's price moved `throughTicks` through it, by a taker on the other side, so that it fills there.
   */
  | { kind: 'print'; offsetBp: number; lots: number; taker: 'BUY' | 'SELL'; atResting: number | null; throughTicks: number }
  /** Live only: the exchange fills part of a resting desk order (fillOrder). */
  | { kind: 'fill'; pick: number; fraction: number }
  /** A limit's price is `priceBp` from the mid; `passive` keeps it on its own side of the mid (it rests unless the book is crossed). */
  | { kind: 'order'; side: Side; type: 'market' | 'limit'; size: SizeSpec; priceBp: number; passive: boolean }
  | { kind: 'cancel'; pick: number }
  | { kind: 'cancelAll' }
  | { kind: 'close' }
  | { kind: 'halt' }
  | { kind: 'resume' }
  | { kind: 'kill'; thenResume: boolean }
  /** Live: `whileClosed` fills part of a resting order while the desk is down (null: nothing happens). */
  | { kind: 'restart'; whileClosed: { pick: number; fraction: number } | null }
  /** Faults property only: mild exchange faults switched on or off for the steps that follow. */
  | { kind: 'fault'; fault: 'delayFills' | 'duplicateFills' | 'dropConnections' | 'clear'; ms: number };

export function describeAction(a: Action): string {
  switch (a.kind) {
    case 'book':
      return `book drift ${a.driftBp}bp spread ${a.spreadTicks} ticks, ${a.bids.length} bid / ${a.asks.length} ask levels`;
    case 'print':
      return a.atResting === null
        ? `print ${a.taker} ${lots(a.lots)} at mid ${a.offsetBp >= 0 ? '+' : ''}${a.offsetBp}bp`
        : `print ${lots(a.lots)} ${a.throughTicks} ticks through resting order #${a.atResting}`;
    case 'fill':
      return `exchange fills ${a.fraction} of resting order #${a.pick}`;
    case 'order':
      return `${a.side} ${a.type} ${show(a.size)}${a.type !== 'limit' ? '' : a.passive ? ` ${Math.abs(a.priceBp)}bp from mid on its side` : ` at mid ${a.priceBp >= 0 ? '+' : ''}${a.priceBp}bp`}`;
    case 'cancel':
      return `cancel open order #${a.pick}`;
    case 'kill':
      return `kill switch${a.thenResume ? ', then resume' : ''}`;
    case 'restart':
      return `restart${a.whileClosed ? ` (exchange fills ${a.whileClosed.fraction} of resting order #${a.whileClosed.pick} while closed)` : ''}`;
    case 'fault':
      return `fault ${a.fault}${a.fault === 'delayFills' ? ` ${a.ms} ms` : ''}`;
    default:
      return a.kind;
  }
}

const levelArb = fc.record({ gapTicks: fc.integer({ min: 1, max: 2_000 }), lots: fc.integer({ min: 100, max: 30_000 }) });
const bookArb: fc.Arbitrary<Action> = fc.record({
  kind: fc.constant('book' as const),
  driftBp: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: -15, max: 15 }) }, { weight: 1, arbitrary: fc.integer({ min: -80, max: 80 }) }),
  spreadTicks: fc.integer({ min: 1, max: 2_000 }),
  bids: fc.array(levelArb, { minLength: 1, maxLength: 4 }),
  asks: fc.array(levelArb, { minLength: 1, maxLength: 4 }),
});
const pickOrNull: fc.Arbitrary<number | null> = fc.option(fc.nat(9), { freq: 2 });
const printArb: fc.Arbitrary<Action> = fc.record({
  kind: fc.constant('print' as const),
  offsetBp: fc.integer({ min: -25, max: 25 }),
  lots: fc.oneof(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 500, max: 5_000 })),
  taker: fc.constantFrom<'BUY' | 'SELL'>('BUY', 'SELL'),
  atResting: pickOrNull,
  throughTicks: fc.constantFrom(0, 0, 1, 5),
});
const sizeArb: fc.Arbitrary<SizeSpec> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('value' as const), usdt: fc.oneof(fc.integer({ min: 3, max: 60 }), fc.integer({ min: 60, max: 3_000 })) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('belowMin' as const), lots: fc.integer({ min: 1, max: 9 }) }) },
);
const sellSizeArb: fc.Arbitrary<SizeSpec> = fc.oneof(
  { weight: 3, arbitrary: sizeArb },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('held' as const), fraction: fc.constantFrom(0.1, 0.25, 0.5, 1) }) },
);
const orderArb: fc.Arbitrary<Action> = fc.constantFrom<Side>('buy', 'sell').chain((side) =>
  fc.record({
    kind: fc.constant('order' as const),
    side: fc.constant(side),
    type: fc.constantFrom('market' as const, 'limit' as const, 'limit' as const),
    size: side === 'buy' ? sizeArb : sellSizeArb,
    priceBp: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: -20, max: 20 }) }, { weight: 1, arbitrary: fc.integer({ min: -100, max: 100 }) }),
    passive: fc.boolean(),
  }),
);
const fractionArb = fc.constantFrom(0.2, 0.5, 1);
const whileClosedArb: fc.Arbitrary<{ pick: number; fraction: number } | null> = fc.option(fc.record({ pick: fc.nat(9), fraction: fractionArb }), { freq: 2 });

/** Actions both modes take; `live` adds the exchange's own fills of resting orders. */
export function actionArb(options: { live: boolean; faults?: boolean }): fc.Arbitrary<Action> {
  const arbs: Array<{ weight: number; arbitrary: fc.Arbitrary<Action> }> = [
    { weight: 12, arbitrary: bookArb },
    { weight: 8, arbitrary: printArb },
    { weight: 22, arbitrary: orderArb },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(9) }) },
    { weight: 1, arbitrary: fc.constant<Action>({ kind: 'cancelAll' }) },
    { weight: 2, arbitrary: fc.constant<Action>({ kind: 'close' }) },
    { weight: 1, arbitrary: fc.constant<Action>({ kind: 'halt' }) },
    { weight: 3, arbitrary: fc.constant<Action>({ kind: 'resume' }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('kill' as const), thenResume: fc.boolean() }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('restart' as const),
        whileClosed: options.live ? whileClosedArb : fc.constant(null),
      }),
    },
  ];
  if (options.live) arbs.push({ weight: 6, arbitrary: fc.record({ kind: fc.constant('fill' as const), pick: fc.nat(9), fraction: fractionArb }) });
  if (options.faults) arbs.push({ weight: 8, arbitrary: faultArb });
  return fc.oneof(...arbs);
}

const faultOf = (faults: Array<'delayFills' | 'duplicateFills' | 'dropConnections' | 'clear'>): fc.Arbitrary<Action> =>
  fc.record({ kind: fc.constant('fault' as const), fault: fc.constantFrom(...faults), ms: fc.integer({ min: 200, max: 1_200 }) });
const faultArb = faultOf(['delayFills', 'duplicateFills', 'dropConnections', 'clear']);
/** The fault a faults sequence starts with (one that is on). */
export const openingFaultArb = faultOf(['delayFills', 'duplicateFills', 'dropConnections']);

// ---------------------------------------------------------------- books, prints, orders at the current mid

/** A book whose mid has drifted from `mid`; levels never reach zero or cross. */
export function makeBook(mid: number, a: Extract<Action, { kind: 'book' }>): { mid: number; bids: BookLevel[]; asks: BookLevel[] } {
  const next = mid * (1 + a.driftBp / 10_000);
  const bidTicks = Math.round((next - (a.spreadTicks * BTC_USDT.tickSize) / 2) / BTC_USDT.tickSize);
  const side = (specs: LevelSpec[], fromTicks: number, direction: 1 | -1): BookLevel[] => {
    const out: BookLevel[] = [];
    let ticks = fromTicks;
    specs.forEach((spec, i) => {
      if (i > 0) ticks += direction * spec.gapTicks;
      if (ticks <= 0) return;
      out.push([Number((ticks * BTC_USDT.tickSize).toFixed(TICK_DECIMALS)), lots(spec.lots)]);
    });
    return out;
  };
  const bids = side(a.bids, bidTicks, -1);
  const asks = side(a.asks, bidTicks + a.spreadTicks, 1);
  return { mid: (bids[0]![0] + asks[0]![0]) / 2, bids, asks };
}

/** The opening book around 60,005 (as marketAt60k's), deep enough for the first orders. */
export const OPENING_BOOK: { bids: BookLevel[]; asks: BookLevel[] } = {
  bids: [[60_000, 1], [59_990, 2], [59_980, 3]],
  asks: [[60_010, 1], [60_020, 2], [60_030, 3]],
};

/** A print price near the mid, never the same as the previous print's (so its arrival can be seen). */
export function printPrice(mid: number, offsetBp: number, previous: number | undefined): number {
  let price = toTick(mid * (1 + offsetBp / 10_000));
  if (price === previous) price = toTick(price + BTC_USDT.tickSize);
  return price;
}

/** A limit order's price: `priceBp` from the mid, or with `passive` that far on the order's own side of it. */
export function limitPrice(mid: number, side: Side, priceBp: number, passive: boolean): number {
  const bp = passive ? (side === 'buy' ? -1 : 1) * Math.abs(priceBp) : priceBp;
  return toTick(mid * (1 + bp / 10_000));
}

/**
 * Where a print aimed at a resting order trades, and who takes: the other side, `throughTicks` past its
 * price, one tick further when that is the previous print's price (so its arrival can be seen).
 */
export function printAtResting(order: { side: Side; price: number }, throughTicks: number, previous: number | undefined): { price: number; taker: 'BUY' | 'SELL' } {
  const direction = order.side === 'buy' ? -1 : 1;
  let price = toTick(order.price + direction * throughTicks * BTC_USDT.tickSize);
  if (price === previous) price = toTick(price + direction * BTC_USDT.tickSize);
  return { price, taker: order.side === 'buy' ? 'SELL' : 'BUY' };
}

export function orderSize(spec: SizeSpec, mid: number, held: number): number {
  switch (spec.kind) {
    case 'value':
      return lots(Math.max(1, Math.round(spec.usdt / (mid * BTC_USDT.lotSize))));
    case 'belowMin':
      return lots(spec.lots);
    case 'held': {
      const n = floorLots(held * spec.fraction);
      return lots(n > 0 ? n : 20);
    }
  }
}

/** The size of a partial fill: a share of what is left, on the lot grid, at least one lot. */
export function fillSize(remaining: number, fraction: number): number {
  return lots(Math.max(1, Math.min(floorLots(remaining), floorLots(remaining * fraction))));
}

// ---------------------------------------------------------------- counts for RELIABILITY.md

export interface PropertyStats {
  /** What `npm run reliability` calls the steps and the trades of this property (countFigure). */
  names: { steps: string; trades: string };
  sequences: number;
  steps: number;
  /** Orders the desk placed and the venue (or paper matcher) took. */
  ordersAccepted: number;
  /** Refusals by code (the desk's risk checks). */
  refusals: Record<string, number>;
  /** Orders the exchange rejected after the desk sent them, by the first words of the reason. */
  rejections: Record<string, number>;
  /** Trades compared (exchange trades for live, model fills for shadow). */
  trades: number;
  restarts: number;
  ms: number;
}

export function newStats(names: PropertyStats['names']): PropertyStats {
  return { names, sequences: 0, steps: 0, ordersAccepted: 0, refusals: {}, rejections: {}, trades: 0, restarts: 0, ms: 0 };
}

const FIGURE_NAMES = { sequences: 'sequences', ordersAccepted: 'orders accepted', restarts: 'restarts' } as const;

/** Adds to one of the property's counts, and to the same figure for `npm run reliability` (countFigure). */
export function tally(stats: PropertyStats, what: 'sequences' | 'steps' | 'ordersAccepted' | 'trades' | 'restarts', n = 1): void {
  stats[what] += n;
  if (n > 0) countFigure(what === 'steps' || what === 'trades' ? stats.names[what] : FIGURE_NAMES[what], n);
}

/** A refusal by the desk's checks (`orders refused: CODE`) or a rejection by the exchange. */
export function count(stats: PropertyStats, kind: 'refusals' | 'rejections', key: string): void {
  stats[kind][key] = (stats[kind][key] ?? 0) + 1;
  countFigure(`${kind === 'refusals' ? 'orders refused' : 'orders rejected by the exchange'}: ${key}`);
}

/** With HFT_PROPERTY_STATS set, one line per property for RELIABILITY.md. */
export function printStats(name: string, stats: PropertyStats): void {
  if (!process.env.HFT_PROPERTY_STATS) return;
  const perSequence = stats.sequences > 0 ? Math.round(stats.ms / stats.sequences) : 0;
  console.log(
    `${name}: ${stats.sequences} sequences, ${stats.steps} steps, ${stats.ordersAccepted} orders taken, ${stats.trades} trades compared, ` +
      `${stats.restarts} restarts, ${(stats.ms / 1000).toFixed(1)} s (${perSequence} ms a sequence); refused ${show(stats.refusals)}; ` +
      `rejected by the venue ${show(stats.rejections)}`,
  );
}

export class Mismatch extends Error {}
