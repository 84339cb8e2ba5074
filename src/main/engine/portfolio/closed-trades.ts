import type { SymbolInfo } from '../../../shared/market.ts';
import type { ClosedTrade, Fill, RoundTrip } from '../../../shared/trading.ts';
import type { Adjustment, JournaledAdjustment } from '../ports.ts';
import { Recent } from '../recent.ts';
import { inJournalOrder } from './journal-order.ts';
import { RoundTrips } from './round-trips.ts';

/** The account's round trips, every symbol's, newest kept: built from the same fills and adjustments as the portfolio. */
export class ClosedTrades {
  readonly #infos: ReadonlyMap<string, SymbolInfo>;
  readonly #bySymbol = new Map<string, RoundTrips>();
  readonly #recent: Recent<ClosedTrade>;

  constructor(symbols: ReadonlyMap<string, SymbolInfo>, limit: number) {
    this.#infos = symbols;
    this.#recent = new Recent(limit);
  }

  /** The trade this fill closed, if it closed one. */
  onFill(fill: Fill): ClosedTrade | null {
    const trip = this.#trips(fill.symbol)?.onFill(fill) ?? null;
    return trip === null ? null : this.#keep(fill.symbol, trip);
  }

  /** Coins that came or went without a trade; cash adjustments change no trade. */
  adjust(adjustment: Adjustment): ClosedTrade | null {
    if (adjustment.symbol === null) return null;
    const trip = this.#trips(adjustment.symbol)?.adjust(adjustment.amount, adjustment.price, adjustment.ts) ?? null;
    return trip === null ? null : this.#keep(adjustment.symbol, trip);
  }

  /** The trades of a journal: fills and adjustments in the order they were journaled, as the portfolio replays them. */
  replay(fills: readonly Fill[], adjustments: readonly JournaledAdjustment[]): void {
    inJournalOrder(fills, adjustments, { fill: (fill) => this.onFill(fill), adjustment: (adjustment) => this.adjust(adjustment) });
  }

  newestFirst(): ClosedTrade[] {
    return this.#recent.newestFirst();
  }

  #trips(symbol: string): RoundTrips | undefined {
    let trips = this.#bySymbol.get(symbol);
    if (trips === undefined) {
      const info = this.#infos.get(symbol);
      if (info === undefined) return undefined;
      trips = new RoundTrips(info);
      this.#bySymbol.set(symbol, trips);
    }
    return trips;
  }

  #keep(symbol: string, trip: RoundTrip): ClosedTrade {
    const trade: ClosedTrade = { symbol, ...trip };
    this.#recent.add(trade);
    return trade;
  }
}
