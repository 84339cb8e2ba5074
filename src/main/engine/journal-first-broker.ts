// Journal before send, in one place: every call that makes the broker act on the outside world first
// commits what the engine recorded, so an order reaches the venue only once it is on disk.
import type { Order, TradingMode } from '../../shared/trading.ts';
import type { MarketEvent } from '../../shared/market.ts';
import type { Broker, ExecutionEvent, Journal } from './ports.ts';

export class JournalFirstBroker implements Broker {
  readonly submitOco: ((stop: Order, target: Order) => void) | undefined;
  readonly venuePrecision: Broker['venuePrecision'];
  readonly nativeExits: Broker['nativeExits'];
  private readonly inner: Broker;
  private readonly journal: Journal;

  constructor(inner: Broker, journal: Journal) {
    this.inner = inner;
    this.journal = journal;
    this.submitOco =
      inner.submitOco === undefined
        ? undefined
        : (stop, target) => {
            journal.commit();
            inner.submitOco!(stop, target);
          };
    this.venuePrecision = inner.venuePrecision?.bind(inner);
    this.nativeExits = inner.nativeExits?.bind(inner);
  }

  get mode(): TradingMode {
    return this.inner.mode;
  }

  setListener(listener: (event: ExecutionEvent) => void): void {
    this.inner.setListener(listener);
  }

  submit(order: Order): void {
    this.journal.commit();
    this.inner.submit(order);
  }

  cancel(clientOrderId: string): void {
    this.journal.commit();
    this.inner.cancel(clientOrderId);
  }

  onMarket(event: MarketEvent): void {
    this.inner.onMarket(event);
  }

  restore(openOrders: Order[]): void {
    this.journal.commit();
    this.inner.restore(openOrders);
  }
}
