// Trades a desk through its own commands, as a busy trader would: a fast momentum strategy plus manual
// market and limit orders on both sides and cancels. Watches what the UI is shown (fills, risk events)
// and can bring the desk to rest so its state can be compared with the journal and the exchange.
import { Random } from '../../src/main/adapters/sim/random.ts';
import type { EngineHost } from '../../src/main/engine-host.ts';
import type { EngineEvent } from '../../src/shared/contract.ts';
import type { EngineSnapshot } from '../../src/shared/state.ts';
import type { StrategyView } from '../../src/shared/strategy.ts';
import type { Fill } from '../../src/shared/trading.ts';
import { snapshotOf } from '../support/trading-state.ts';

export interface DeskState {
  positions: Record<string, number>;
  cash: number;
  risk: string;
  openOrders: number;
}

export interface DeskWatch {
  onFills?(fills: Fill[]): void;
  onRiskEvent?(code: string, message: string): void;
}

export interface DriveOptions {
  symbols: string[];
  /** Base units per order; manual orders vary it by -50 %..+50 %. */
  orderSize: number;
  pumpMs: number;
  seed: number;
}

/** Quiet for this long (no order open, no state change) counts as settled. */
const SETTLED_AFTER_MS = 1_000;

export const deskStateOf = (snapshot: EngineSnapshot): DeskState => ({
  positions: Object.fromEntries(snapshot.positions.filter((p) => p.size !== 0).map((p) => [p.symbol, p.size])),
  cash: snapshot.account.cash,
  risk: snapshot.risk.state,
  openOrders: snapshot.openOrders.length,
});

export class DeskDriver {
  private readonly host: EngineHost;
  private readonly lastPrice = new Map<string, number>();
  private readonly working = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(host: EngineHost, watch: DeskWatch = {}) {
    this.host = host;
    host.subscribe((event: EngineEvent) => {
      const state = event.event === 'state.snapshot' || event.event === 'state.delta' ? event.payload : null;
      if (state === null) return;
      for (const ticker of state.tickers === undefined ? [] : Object.values(state.tickers)) this.lastPrice.set(ticker.symbol, ticker.last);
      for (const order of 'openOrders' in state ? state.openOrders : (state.orders ?? [])) {
        if (order.status === 'open' || order.status === 'partially_filled') this.working.add(order.clientOrderId);
        else this.working.delete(order.clientOrderId);
      }
      for (const risk of 'riskEvents' in state ? (state.riskEvents ?? []) : []) watch.onRiskEvent?.(risk.code, risk.message);
      if (state.fills !== undefined && state.fills.length > 0) watch.onFills?.(state.fills);
    });
  }

  /** A 1s momentum strategy with a hair trigger, switched on. */
  async addFastStrategy(symbol: string, orderSize: number): Promise<void> {
    const created = await this.host.handle('strategy.create', {
      // Tight exits, so that stops and take-profits are armed and fire all through the run.
      kind: 'momentum', symbol, timeframe: '1s', params: { lookback: 3, threshold: 0.0002, orderSize, stopLoss: 0.01, takeProfit: 0.01 },
    });
    if (!created.ok) throw new Error(created.error.message);
    await this.host.handle('strategy.setActive', { id: (created.value as StrategyView).config.id, active: true });
  }

  /** Manual orders every `pumpMs` until stop(): some cross and fill at once, some carry exits, some rest, some are cancelled. */
  async pump(options: DriveOptions): Promise<void> {
    const snapshot = await snapshotOf(this.host);
    const infoOf = new Map(snapshot.symbols.map((s) => [s.symbol, s]));
    const random = new Random(options.seed);
    const next = async (): Promise<void> => {
      const symbol = options.symbols[Math.floor(random.next() * options.symbols.length)]!;
      const price = this.lastPrice.get(symbol);
      const pick = random.next();
      if (pick < 0.2 && this.working.size > 0) {
        const ids = [...this.working];
        await this.host.handle('order.cancel', { clientOrderId: ids[Math.floor(random.next() * ids.length)]! });
      } else if (price !== undefined) {
        const info = infoOf.get(symbol)!;
        const side = random.next() < 0.5 ? 'buy' : 'sell';
        const size = onGrid(options.orderSize * (0.5 + random.next()), info.lotSize);
        if (pick < 0.4) {
          await this.host.handle('order.place', { symbol, side, type: 'market', size });
        } else if (pick < 0.6) {
          // A buy with a stop and a take-profit a few ticks away: exits armed and fired all through the run.
          const away = (ticks: number) => onGrid(price + ticks * Math.max(info.tickSize, price * 0.0001), info.tickSize);
          await this.host.handle('order.place', { symbol, side: 'buy', type: 'market', size, stopLoss: { triggerPrice: away(-3) }, takeProfit: { triggerPrice: away(3) } });
        } else {
          const offset = (random.next() - 0.6) * 0.0006 * price * (side === 'buy' ? 1 : -1);
          await this.host.handle('order.place', { symbol, side, type: 'limit', size, price: onGrid(price - offset, info.tickSize) });
        }
      }
      if (!this.stopped) this.timer = setTimeout(() => void next(), options.pumpMs);
    };
    void next();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Strategies off, every working order cancelled, then waits until nothing has moved for a while. */
  async settle(timeoutMs: number): Promise<DeskState> {
    this.stop();
    const deadline = Date.now() + timeoutMs;
    for (const strategy of (await snapshotOf(this.host)).strategies) {
      await this.host.handle('strategy.setActive', { id: strategy.config.id, active: false });
    }
    let lastSeen = '';
    let lastChange = Date.now();
    for (;;) {
      const now = await snapshotOf(this.host);
      for (const order of now.openOrders) {
        if (order.status === 'open' || order.status === 'partially_filled') await this.host.handle('order.cancel', { clientOrderId: order.clientOrderId });
      }
      const seen = JSON.stringify([deskStateOf(now), now.fills[0]?.tradeId]);
      if (seen !== lastSeen) [lastSeen, lastChange] = [seen, Date.now()];
      if (now.openOrders.length === 0 && Date.now() - lastChange > SETTLED_AFTER_MS) return deskStateOf(now);
      if (Date.now() > deadline) {
        throw new Error(`the desk did not settle in ${timeoutMs} ms: ${now.openOrders.map((o) => `${o.clientOrderId} ${o.status}`).join(', ')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** A price or size on the symbol's grid, without binary-float tails. */
function onGrid(value: number, step: number): number {
  return Number((Math.round(value / step) * step).toFixed(Math.max(0, Math.ceil(-Math.log10(step)))));
}
