// Cash, positions and PnL, built only from fills and marks: the account's single source of value.
import type { SymbolInfo } from '../../../shared/market.ts';
import type { Fill, Position } from '../../../shared/trading.ts';
import type { Adjustment, JournaledAdjustment } from '../ports.ts';
import { baseOf, quoteOf } from '../symbols.ts';
import { isDust } from './dust.ts';
import { inJournalOrder } from './journal-order.ts';

/** Sizes closer to zero than this are float residue of a full close (0.1 + 0.2 - 0.3), not a position. */
const FLAT_EPSILON = 1e-12;

interface PositionRecord {
  symbol: string;
  base: string;
  quote: string;
  info: SymbolInfo | undefined;
  size: number;
  avgPrice: number;
  markPrice: number;
  realizedPnl: number;
  fees: number;
  fills: number;
  /** Some of it came from the venue's balance, not from a fill: valued at the mark when it arrived. */
  importedAtMark: boolean;
}

function snapFlat(size: number): number {
  return Math.abs(size) < FLAT_EPSILON ? 0 : size;
}

function toPosition(record: PositionRecord): Position {
  return {
    symbol: record.symbol,
    size: record.size,
    avgPrice: record.avgPrice,
    markPrice: record.markPrice,
    realizedPnl: record.realizedPnl,
    unrealizedPnl: record.size * (record.markPrice - record.avgPrice),
    fees: record.fees,
    dust: record.info !== undefined && isDust(record.size, record.markPrice, record.info),
    importedAtMark: record.importedAtMark,
  };
}

export class Portfolio {
  /** What the account is measured against: the starting capital plus holdings that came or went without a trade. */
  #capital: number;
  #cash: number;
  #feesPaid = 0;
  readonly #infos = new Map<string, SymbolInfo>();
  readonly #bySymbol = new Map<string, PositionRecord>();
  // The same records as an array, so per-tick sums loop without allocating an iterator.
  readonly #records: PositionRecord[] = [];

  /** `symbols` tell each position's assets and what is too small to sell (dust). */
  constructor(startingCapital: number, symbols: readonly SymbolInfo[] = []) {
    if (!Number.isFinite(startingCapital) || startingCapital < 0) {
      throw new RangeError(`Starting capital must be a finite amount of at least 0, got ${startingCapital}.`);
    }
    this.#capital = startingCapital;
    this.#cash = startingCapital;
    for (const info of symbols) this.#infos.set(info.symbol, info);
  }

  /**
   * A trade moves base against quote at the fill price. Its fee is taken where the venue took it: from
   * the quote (cash), from the base (the position shrinks, as if that much were sold at the fill price to
   * pay it), or from another asset this account does not hold (neither moves).
   */
  applyFill(fill: Fill): void {
    const problem = fillProblem(fill);
    if (problem !== null) throw new RangeError(problem);
    const { price, size } = fill;
    const record = this.#record(fill.symbol, price);
    const sign = fill.side === 'buy' ? 1 : -1;
    this.#cash -= sign * price * size;
    this.#trade(record, sign, size, price);
    record.fills += 1;
    if (fill.feeAsset === record.quote) {
      this.#cash -= fill.fee;
    } else if (fill.feeAsset === record.base) {
      this.#trade(record, -1, fill.feeAmount, price);
    } else {
      return;
    }
    this.#feesPaid += fill.fee;
    record.fees += fill.fee;
  }

  /**
   * Cash that came or went without a trade (a deposit, a withdrawal, a fee the venue took in cash that no
   * fill reported): the capital moves with it, so it is neither profit nor loss. Returns the change in equity.
   */
  adjustCash(amount: number): number {
    this.#cash += amount;
    this.#capital += amount;
    return amount;
  }

  /**
   * Coins that came or went without a trade. Coins that arrive are valued at `price`, the mark when they
   * were found (their cost is not known); coins that leave go at the position's average price. The capital
   * moves by that value, so no PnL is made. Returns the change in equity at the mark.
   */
  adjustPosition(symbol: string, amount: number, price: number): number {
    const record = this.#record(symbol, price);
    const before = record.size;
    if (amount > 0 || before === 0 || Math.sign(amount) === Math.sign(before)) {
      const held = Math.abs(before);
      const added = Math.abs(amount);
      record.avgPrice = (held * record.avgPrice + added * price) / (held + added);
      this.#capital += amount * price;
      if (amount > 0) record.importedAtMark = true;
    } else {
      this.#capital += amount * record.avgPrice;
    }
    record.size = snapFlat(before + amount);
    if (record.size === 0) record.avgPrice = 0;
    return amount * record.markPrice;
  }

  /** An adjustment from the journal or the venue's holdings; returns the change in equity. */
  adjust(adjustment: Adjustment): number {
    return adjustment.symbol === null ? this.adjustCash(adjustment.amount) : this.adjustPosition(adjustment.symbol, adjustment.amount, adjustment.price);
  }

  /** Positions and cash from a journal: fills and adjustments in the order they were journaled. */
  replay(fills: readonly Fill[], adjustments: readonly JournaledAdjustment[]): void {
    inJournalOrder(fills, adjustments, { fill: (fill) => this.applyFill(fill), adjustment: (adjustment) => this.adjust(adjustment) });
  }

  get startingCapital(): number {
    return this.#capital;
  }

  mark(symbol: string, price: number): void {
    if (!(price > 0) || !Number.isFinite(price)) {
      throw new RangeError(`Mark price for ${symbol} must be a positive number, got ${price}.`);
    }
    const record = this.#bySymbol.get(symbol);
    if (record) record.markPrice = price;
    else this.#record(symbol, price);
  }

  get cash(): number {
    return this.#cash;
  }

  get feesPaid(): number {
    return this.#feesPaid;
  }

  get equity(): number {
    let value = this.#cash;
    for (const r of this.#records) value += r.size * r.markPrice;
    return value;
  }

  get realizedPnl(): number {
    let total = 0;
    for (const r of this.#records) total += r.realizedPnl;
    return total;
  }

  get unrealizedPnl(): number {
    let total = 0;
    for (const r of this.#records) total += r.size * (r.markPrice - r.avgPrice);
    return total;
  }

  /** Signed size without copying, for the per-order risk context. */
  positionSize(symbol: string): number {
    return this.#bySymbol.get(symbol)?.size ?? 0;
  }

  /** The symbol's mark, or undefined before any price. */
  markPrice(symbol: string): number | undefined {
    return this.#bySymbol.get(symbol)?.markPrice;
  }

  /** A copy; size 0 once closed (realized PnL and fees kept). Null if the symbol was never held. */
  position(symbol: string): Position | null {
    const record = this.#bySymbol.get(symbol);
    return record && (record.fills > 0 || record.size !== 0) ? toPosition(record) : null;
  }

  /** Held positions (size ≠ 0, dust included and flagged), as copies safe to send. */
  positions(): Position[] {
    const open: Position[] = [];
    for (const r of this.#records) if (r.size !== 0) open.push(toPosition(r));
    return open;
  }

  /** Σ |size| × mark over all positions. */
  grossExposure(): number {
    let total = 0;
    for (const r of this.#records) total += Math.abs(r.size) * r.markPrice;
    return total;
  }

  /** The largest single |size| × mark, for the position-limit usage gauge. */
  largestPositionValue(): number {
    let largest = 0;
    for (const r of this.#records) largest = Math.max(largest, Math.abs(r.size) * r.markPrice);
    return largest;
  }

  /** Average cost for what adds to the position, realized PnL for what leaves it. */
  #trade(record: PositionRecord, sign: number, size: number, price: number): void {
    if (size === 0) return;
    const before = record.size;
    if (before === 0 || Math.sign(before) === sign) {
      const held = Math.abs(before);
      record.avgPrice = (held * record.avgPrice + size * price) / (held + size);
      record.size = snapFlat(before + sign * size);
      return;
    }
    const closed = Math.min(size, Math.abs(before));
    record.realizedPnl += (price - record.avgPrice) * closed * Math.sign(before);
    record.size = snapFlat(before + sign * size);
    if (record.size === 0) record.avgPrice = 0;
    else if (Math.sign(record.size) === sign) record.avgPrice = price; // flipped: the remainder opened at this fill
  }

  #record(symbol: string, price: number): PositionRecord {
    let record = this.#bySymbol.get(symbol);
    if (!record) {
      const info = this.#infos.get(symbol);
      // Until the first tick, a position is marked at the price it was opened at.
      record = {
        symbol,
        base: info?.base ?? baseOf(symbol),
        quote: info?.quote ?? quoteOf(symbol),
        info,
        size: 0,
        avgPrice: 0,
        markPrice: price,
        realizedPnl: 0,
        fees: 0,
        fills: 0,
        importedAtMark: false,
      };
      this.#bySymbol.set(symbol, record);
      this.#records.push(record);
    }
    return record;
  }
}

/** Why a fill cannot be money that moved, in a sentence; null when it can. */
export function fillProblem(fill: Fill): string | null {
  const { price, size, fee, feeAmount } = fill;
  if (price > 0 && Number.isFinite(price) && size > 0 && Number.isFinite(size) && Number.isFinite(fee) && Number.isFinite(feeAmount) && typeof fill.feeAsset === 'string') return null;
  return `Fill ${fill.tradeId} on ${fill.symbol} has an invalid price (${price}), size (${size}) or fee (${fee} ${fill.feeAsset}).`;
}
