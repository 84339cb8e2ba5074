// Shadow mode: real market data, real exchange rules and balance, simulated fills. Every order is
// checked as the exchange would check it, then matched by the paper matcher against the real book and
// trades. Nothing is ever sent; a log line says what would have been.
import type { MarketEvent } from '../../../shared/market.ts';
import type { Order } from '../../../shared/trading.ts';
import type { Broker, Clock, ExecutionEvent } from '../../engine/ports.ts';
import { PaperBroker } from '../paper/paper-broker.ts';
import { Stopper } from './backoff.ts';
import { readBalances } from './balances.ts';
import type { CcxtExchange } from './ccxt-module.ts';
import { formatAmount, shadowProblem, type FreeBalance, type MarketRules } from './exchange-rules.ts';
import type { Redactor } from './redact.ts';
import { exchangeMessage } from './venue-errors.ts';

export interface ShadowBrokerOptions {
  exchange: CcxtExchange;
  rules: MarketRules[];
  clock: Clock;
  log: (line: string) => void;
  redact: Redactor;
  /** The balance fetched when the desk opened. */
  free: FreeBalance;
  balanceRefreshMs?: number;
}

const DEFAULT_BALANCE_REFRESH_MS = 30_000;

export class ShadowBroker implements Broker {
  readonly mode = 'shadow' as const;
  private readonly exchange: CcxtExchange;
  private readonly rules = new Map<string, MarketRules>();
  private readonly clock: Clock;
  private readonly log: (line: string) => void;
  private readonly redact: Redactor;
  private readonly paper: PaperBroker;
  private readonly stopper = new Stopper();
  private readonly refreshMs: number;
  private free: FreeBalance;
  private listener: (event: ExecutionEvent) => void = () => {};
  private refreshing = false;
  private lastRefresh: number;

  constructor(options: ShadowBrokerOptions) {
    this.exchange = options.exchange;
    for (const rule of options.rules) this.rules.set(rule.info.symbol, rule);
    this.clock = options.clock;
    this.log = options.log;
    this.redact = options.redact;
    this.free = options.free;
    this.refreshMs = options.balanceRefreshMs ?? DEFAULT_BALANCE_REFRESH_MS;
    this.lastRefresh = options.clock.now();
    this.paper = new PaperBroker({ symbols: options.rules.map((r) => r.info), clock: options.clock, mode: 'shadow' });
  }

  setListener(listener: (event: ExecutionEvent) => void): void {
    this.listener = listener;
    this.paper.setListener(listener);
  }

  submit(order: Order): void {
    const rules = this.rules.get(order.symbol);
    const problem = rules === undefined ? `Unknown symbol ${order.symbol}.` : shadowProblem(order, rules, this.free, this.exchange.name ?? this.exchange.id);
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

  onMarket(event: MarketEvent): void {
    this.paper.onMarket(event);
    this.maybeRefreshBalance();
  }

  restore(openOrders: Order[]): void {
    this.paper.restore(openOrders);
  }

  stop(): void {
    this.stopper.stop();
  }

  /** Driven by market events rather than a timer: no event, no need for a fresh balance. */
  private maybeRefreshBalance(): void {
    const now = this.clock.now();
    if (this.refreshing || this.stopper.isStopped || now - this.lastRefresh < this.refreshMs) return;
    this.lastRefresh = now;
    this.refreshing = true;
    this.exchange
      .fetchBalance()
      .then((balance) => {
        const read = readBalances(balance);
        if ('problem' in read) {
          this.log(`Shadow: ${this.exchange.name} sent a balance that cannot be right (${read.problem}); checking orders against the last one.`);
          return;
        }
        this.free = read.free;
      })
      .catch((error: unknown) => {
        if (!this.stopper.isStopped) this.log(`Shadow: could not refresh the ${this.exchange.name} balance (${exchangeMessage(error, this.redact)}); checking orders against the last one.`);
      })
      .finally(() => {
        this.refreshing = false;
      });
  }
}
