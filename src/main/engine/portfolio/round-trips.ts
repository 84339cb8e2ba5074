// Round trips from fills: a trade opens when the position leaves zero and closes when it is back at
// zero, or at dust that no order can sell. A fill that crosses zero (a flip, as momentum does long ->
// short in one order on a margin market) closes the old trip and opens the next; its fee is split
// between them by size. A fee taken in the base asset shrinks the position the trip holds. PnL is
// average-cost, as the portfolio books it, and net of every fee of the trip. Coins that come or go
// without a trade (holdings found at the venue) join the trip at the mark, or leave it, realizing nothing.
import type { SymbolInfo } from '../../../shared/market.ts';
import type { Fill, RoundTrip } from '../../../shared/trading.ts';
import { isDust } from './dust.ts';

/** Sizes closer to zero than this are float residue of a full close, not a position (as in Portfolio). */
const FLAT_EPSILON = 1e-12;

interface OpenTrip {
  side: 'long' | 'short';
  entryTs: number;
  avgPrice: number;
  largest: number;
  entryValue: number;
  entrySize: number;
  exitValue: number;
  exitSize: number;
  realized: number;
  fees: number;
}

/** One symbol's round trips, fed its fills in order. */
export class RoundTrips {
  private readonly info: SymbolInfo;
  private position = 0;
  private trip: OpenTrip | null = null;

  constructor(info: SymbolInfo) {
    this.info = info;
  }

  /** Entry time of the trip still open, if any. */
  get openSince(): number | undefined {
    return this.trip?.entryTs;
  }

  /** The trip this fill closed, if it closed one (a fill closes at most one). */
  onFill(fill: Fill): RoundTrip | null {
    let closed = this.trade(fill);
    const trip = this.trip;
    if (trip === null) return closed;
    if (fill.feeAsset === this.info.base) {
      const paid = Math.min(fill.feeAmount, Math.abs(this.position));
      trip.realized += (fill.price - trip.avgPrice) * paid * Math.sign(this.position);
      this.position = snapFlat(this.position - paid);
    }
    // A trip ends once something was sold and nothing sellable is left.
    if (trip.exitSize > 0 && (this.position === 0 || isDust(this.position, fill.price, this.info))) closed = this.close(trip, fill.ts);
    return closed;
  }

  /**
   * Coins that came (amount > 0) or went without a trade. Arriving, they join the trip at `price`, the
   * mark they were found at; leaving, they go at the trip's average cost. A trip that ends this way having
   * sold something is closed; one that never sold anything was not a trade and is dropped.
   */
  adjust(amount: number, price: number, ts: number): RoundTrip | null {
    if (amount === 0) return null;
    const sign = Math.sign(amount);
    if (this.trip === null || Math.sign(this.position) === sign) {
      this.open({ price, ts }, sign, Math.abs(amount), 0);
      return null;
    }
    const trip = this.trip;
    this.position = snapFlat(this.position + amount);
    if (this.position !== 0 && !isDust(this.position, price, this.info)) return null;
    if (trip.exitSize > 0) return this.close(trip, ts);
    this.trip = null;
    return null;
  }

  /** The trip a fill closed when it reduced the position; it then opens the next one with what is left. */
  private trade(fill: Fill): RoundTrip | null {
    const sign = fill.side === 'buy' ? 1 : -1;
    let size = fill.size;
    let fee = fill.fee;
    const trip = this.trip;
    if (trip !== null && Math.sign(this.position) !== sign) {
      const closing = Math.min(size, Math.abs(this.position));
      const closingFee = (fee * closing) / fill.size;
      trip.realized += (fill.price - trip.avgPrice) * closing * Math.sign(this.position);
      trip.exitValue += fill.price * closing;
      trip.exitSize += closing;
      trip.fees += closingFee;
      this.position = snapFlat(this.position + sign * closing);
      size = snapFlat(size - closing);
      fee -= closingFee;
      if (size === 0) return null;
      const closed = this.close(trip, fill.ts);
      this.open(fill, sign, size, fee);
      return closed;
    }
    this.open(fill, sign, size, fee);
    return null;
  }

  /** The opening (or adding) part of a fill. */
  private open(fill: Pick<Fill, 'price' | 'ts'>, sign: number, size: number, fee: number): void {
    let trip = this.trip;
    if (trip === null) {
      trip = {
        side: sign > 0 ? 'long' : 'short',
        entryTs: fill.ts,
        avgPrice: fill.price,
        largest: 0,
        entryValue: 0,
        entrySize: 0,
        exitValue: 0,
        exitSize: 0,
        realized: 0,
        fees: 0,
      };
      this.trip = trip;
    } else {
      const held = Math.abs(this.position);
      trip.avgPrice = (held * trip.avgPrice + size * fill.price) / (held + size);
    }
    trip.entryValue += fill.price * size;
    trip.entrySize += size;
    trip.fees += fee;
    this.position = snapFlat(this.position + sign * size);
    trip.largest = Math.max(trip.largest, Math.abs(this.position));
  }

  /** Ends the trip; what dust it leaves is carried into the next one. */
  private close(trip: OpenTrip, ts: number): RoundTrip {
    const closed: RoundTrip = {
      side: trip.side,
      entryTs: trip.entryTs,
      exitTs: ts,
      size: trip.largest,
      entryPrice: trip.entryValue / trip.entrySize,
      exitPrice: trip.exitValue / trip.exitSize,
      pnl: trip.realized - trip.fees,
      fees: trip.fees,
    };
    this.trip = null;
    return closed;
  }
}

function snapFlat(size: number): number {
  return Math.abs(size) < FLAT_EPSILON ? 0 : size;
}
