// Shadow mode: real market data, real exchange rules, the real account's holdings as its opening
// position, and simulated fills. Every order is checked as the exchange would check it, then matched by
// the paper matcher against the real book and trades. Nothing is ever sent; a log line says what would
// have been.
import type { MarketEvent } from '../../../shared/market.ts';
import type { Order } from '../../../shared/trading.ts';
import type { Broker, Clock, ExecutionEvent } from '../../engine/ports.ts';
import { PaperBroker } from '../paper/paper-broker.ts';
import type { CcxtExchange } from './ccxt-module.ts';
import { formatAmount, shadowProblem, type MarketRules } from './exchange-rules.ts';
import { venuePrecision } from './venue-precision.ts';

export interface ShadowBrokerOptions {
  exchange: CcxtExchange;
  rules: MarketRules[];
  clock: Clock;
  log: (line: string) => void;
  /** What the account held at the exchange when the desk opened, per asset. */
  holdings: Record<string, number>;
}

export class ShadowBroker implements Broker {
  readonly mode = 'shadow' as const;
  private readonly exchange: CcxtExchange;
  private readonly rules = new Map<string, MarketRules>();
  private readonly clock: Clock;
  private readonly log: (line: string) => void;
  private readonly paper: PaperBroker;
  private readonly holdings: Record<string, number>;
  private listener: (event: ExecutionEvent) => void = () => {};

  constructor(options: ShadowBrokerOptions) {
    this.exchange = options.exchange;
    for (const rule of options.rules) this.rules.set(rule.info.symbol, rule);
    this.clock = options.clock;
    this.log = options.log;
    this.holdings = options.holdings;
    this.paper = new PaperBroker({ symbols: options.rules.map((r) => r.info), clock: options.clock, mode: 'shadow' });
  }

  setListener(listener: (event: ExecutionEvent) => void): void {
    this.listener = listener;
    this.paper.setListener(listener);
  }

  submit(order: Order): void {
    const rules = this.rules.get(order.symbol);
    const problem = rules === undefined ? `Unknown symbol ${order.symbol}.` : shadowProblem(order, rules, this.exchange.name ?? this.exchange.id);
    if (problem !== null) {
      this.listener({ type: 'rejected', clientOrderId: order.clientOrderId, ts: this.clock.now(), reason: problem });
      return;
    }
    const price = order.type === 'limit' && order.price !== undefined ? ` ${formatAmount(order.price)}` : '';
    this.log(`Shadow: would send ${order.side} ${formatAmount(order.size)} ${order.symbol} ${order.type}${price} (clientOrderId ${order.clientOrderId})`);
    this.paper.submit(order);
  }

  cancel(clientOrderId: string): void {
    this.paper.cancel(clientOrderId);
  }

  venuePrecision(symbol: string, size: number, price: number | undefined): { size: number; price: number | undefined } | null {
    return venuePrecision(this.exchange, symbol, size, price);
  }

  onMarket(event: MarketEvent): void {
    this.paper.onMarket(event);
  }

  /** Re-rests working orders and offers the real holdings, which a new shadow account takes as its opening position. */
  restore(openOrders: Order[]): void {
    this.paper.restore(openOrders);
    this.listener({ type: 'holdings', ts: this.clock.now(), totals: this.holdings });
  }

  stop(): void {}
}
