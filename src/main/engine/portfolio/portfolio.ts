// Cash, positions and PnL, built only from fills and marks: the account's single source of value.
import type { Fill, Position } from '../../../shared/trading.ts';

/** Sizes closer to zero than this are float residue of a full close (0.1 + 0.2 - 0.3), not a position. */
const FLAT_EPSILON = 1e-12;

interface PositionRecord {
  symbol: string;
  size: number;
  avgPrice: number;
  markPrice: number;
  realizedPnl: number;
  fees: number;
  fills: number;
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
  };
}

export class Portfolio {
  readonly startingCapital: number;
  #cash: number;
  #feesPaid = 0;
  readonly #bySymbol = new Map<string, PositionRecord>();
  // The same records as an array, so per-tick sums loop without allocating an iterator.
  readonly #records: PositionRecord[] = [];

  constructor(startingCapital: number) {
    if (!Number.isFinite(startingCapital) || startingCapital < 0) {
      throw new RangeError(`Starting capital must be a finite amount of at least 0, got ${startingCapital}.`);
    }
    this.startingCapital = startingCapital;
    this.#cash = startingCapital;
  }

  applyFill(fill: Fill): void {
    const problem = fillProblem(fill);
    if (problem !== null) throw new RangeError(problem);
    const { price, size, fee } = fill;
    const record = this.#record(fill.symbol, price);
    const sign = fill.side === 'buy' ? 1 : -1;
    this.#cash -= sign * price * size + fee;
    this.#feesPaid += fee;
    record.fees += fee;
    record.fills += 1;

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

  /** A copy; size 0 once closed (realized PnL and fees kept). Null if the symbol never traded. */
  position(symbol: string): Position | null {
    const record = this.#bySymbol.get(symbol);
    return record && record.fills > 0 ? toPosition(record) : null;
  }

  /** Open positions (size ≠ 0), as copies safe to send. */
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

  #record(symbol: string, price: number): PositionRecord {
    let record = this.#bySymbol.get(symbol);
    if (!record) {
      // Until the first tick, a position is marked at the price it was opened at.
      record = { symbol, size: 0, avgPrice: 0, markPrice: price, realizedPnl: 0, fees: 0, fills: 0 };
      this.#bySymbol.set(symbol, record);
      this.#records.push(record);
    }
    return record;
  }
}

/** Why a fill cannot be money that moved, in a sentence; null when it can. */
export function fillProblem(fill: Fill): string | null {
  const { price, size, fee } = fill;
  if (price > 0 && Number.isFinite(price) && size > 0 && Number.isFinite(size) && Number.isFinite(fee)) return null;
  return `Fill ${fill.tradeId} on ${fill.symbol} has an invalid price (${price}), size (${size}) or fee (${fee}).`;
}
