// The shadow desk against the reference model (test/model/spot-account-model.ts, written from
// test/model/README.md and not from the engine): random sequences of books and prints published by the
// loopback Binance simulator, the trader's orders, cancels, Close, halt/resume, the kill switch and
// restarts. The model is driven with the same books and prints and the same commands, starting from the
// holdings the shadow desk took in from the exchange account. After every step: nothing reached the
// exchange (no order at the simulator, no order request in its log), and the desk's answers (accepted or
// refused with the model's code), fills, cash, position, average price, realized PnL, fees, equity, working
// orders and trading state are the model's.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { BookLevel } from '../../src/shared/market.ts';
import type { Order } from '../../src/shared/trading.ts';
import { SpotAccountModel, type ModelOrderResult } from '../model/spot-account-model.ts';
import type { BinanceSim } from '../support/exchange-sim/binance-sim.ts';
import { propertyRuns } from '../support/property-runs.ts';
import { Harness, OPEN_LIMITS, sleep, SYMBOL, waitFor, type ExchangeSession, type SessionOptions } from './exchange-harness.ts';
import {
  actionArb,
  BTC_USDT,
  count,
  describeAction,
  limitPrice,
  lots,
  makeBook,
  Mismatch,
  newStats,
  OPENING_BOOK,
  orderSize,
  printAtResting,
  printPrice,
  printStats,
  same,
  show,
  SIM_SYMBOL,
  START_BALANCES,
  START_MID,
  tally,
  toTick,
  type Action,
  type PropertyStats,
} from './venue-sequences.ts';

const SESSION: SessionOptions = { riskLimits: { dailyLossLimit: 0.5, maxDrawdown: 0.5 } };
const RISK_LIMITS = { ...OPEN_LIMITS, ...SESSION.riskLimits };
/** README.md: money is compared within 1e-6 of the account. */
const MONEY = 1e-6 * (START_BALANCES.USDT + START_BALANCES.BTC * START_MID);

type BookSides = { bids: BookLevel[]; asks: BookLevel[] };

class ShadowRun {
  readonly h: Harness;
  readonly sim: BinanceSim;
  s: ExchangeSession;
  readonly model: SpotAccountModel;
  readonly stats: PropertyStats;
  private readonly deskIdOf = new Map<string, string>();
  private readonly modelIdOf = new Map<string, string>();
  /** Journal fills and model fills already compared. */
  private deskFillsSeen = 0;
  private modelFillsSeen = 0;
  private mid = START_MID;
  private lastPrint: number | undefined;
  private lastBook: BookSides = OPENING_BOOK;
  step = 0;
  label = 'opening';
  readonly done: string[] = [];

  private constructor(h: Harness, sim: BinanceSim, s: ExchangeSession, stats: PropertyStats) {
    this.h = h;
    this.sim = sim;
    this.s = s;
    this.stats = stats;
    this.model = new SpotAccountModel({
      symbols: [BTC_USDT],
      startingCapital: START_BALANCES.USDT,
      riskLimits: RISK_LIMITS,
      now: Date.now(),
      openingHoldings: { [SYMBOL]: START_BALANCES.BTC },
      mode: 'shadow',
    });
  }

  static async open(h: Harness, stats: PropertyStats): Promise<ShadowRun> {
    const sim = await h.sim({ balances: { ...START_BALANCES } });
    const s = await h.session(sim, 'shadow', SESSION);
    const run = new ShadowRun(h, sim, s, stats);
    const info = s.engine.snapshot().symbols.find((i) => i.symbol === SYMBOL);
    if (JSON.stringify(info) !== JSON.stringify(BTC_USDT)) run.fail(`the desk's BTC/USDT is not the exchange's: desk ${show(info)}, exchange ${show(BTC_USDT)}`);
    await run.book(OPENING_BOOK);
    await run.print(START_MID, 0.001);
    await waitFor('the exchange holdings taken in', () => (s.engine.snapshot().positions.find((p) => p.symbol === SYMBOL)?.size ?? 0) > 0);
    run.compare();
    return run;
  }

  private fail(message: string): never {
    throw new Mismatch(`step ${this.step} (${this.label}): ${message}\n  steps so far: ${this.done.join(' | ')}`);
  }

  private differs(what: string, desk: unknown, model: unknown): never {
    this.fail(`${what} differs — desk ${show(desk)}, model ${show(model)}`);
  }

  // ---------------------------------------------------------------- market data, to both

  /** The exchange publishes a new book; once the desk has it, the model gets it. */
  private async book(book: BookSides): Promise<void> {
    this.lastBook = book;
    this.mid = (book.bids[0]![0] + book.asks[0]![0]) / 2;
    this.sim.setBook(SIM_SYMBOL, book.bids, book.asks);
    await this.bookInEngine(book);
    this.model.book(SYMBOL, book.bids, book.asks, Date.now());
  }

  private async bookInEngine(book: BookSides): Promise<void> {
    const want = JSON.stringify([book.bids, book.asks]);
    await waitFor('the book in the engine', () => {
      const b = this.s.engine.snapshot().book;
      return b !== null && JSON.stringify([b.bids, b.asks]) === want;
    });
  }

  /**
   * A print; the exchange's ticker moves with it (its bid and ask from the book). Once the engine has both
   * the trade and the ticker, the model gets the trade.
   */
  private async print(price: number, qty: number, taker: 'BUY' | 'SELL' = price >= this.mid ? 'BUY' : 'SELL'): Promise<void> {
    this.lastPrint = price;
    this.sim.printTrade(SIM_SYMBOL, price, qty, taker);
    const bid = this.lastBook.bids[0]![0];
    const ask = this.lastBook.asks[0]![0];
    await waitFor(`the print at ${price} in the engine`, () => {
      const snap = this.s.engine.snapshot();
      const t = snap.tickers[SYMBOL];
      return t?.last === price && t.bid === bid && t.ask === ask && snap.candles.at(-1)?.close === price;
    });
    this.model.trade(SYMBOL, price, qty, taker === 'BUY' ? 'buy' : 'sell', Date.now());
  }

  // ---------------------------------------------------------------- the comparison

  compare(): void {
    // nothing reaches the exchange
    const orders = this.sim.orders();
    if (orders.length > 0) this.fail(`the shadow desk placed orders at the exchange: ${show(orders)}`);
    const sent = this.sim.requests().filter((r) => (r.path.startsWith('/api/v3/order') && r.method !== 'GET') || (r.method === 'WS' && r.path.startsWith('order.')));
    if (sent.length > 0) this.fail(`the shadow desk sent order requests: ${show(sent)}`);

    const snap = this.s.engine.snapshot();
    const m = this.model;
    const money = (a: number, b: number): boolean => Math.abs(a - b) <= MONEY;

    // the fills since the last step, grouped by side, price, liquidity and fee asset
    const journalFills = this.s.journal.load(1e6).fills;
    const deskFills = journalFills.slice(this.deskFillsSeen);
    this.deskFillsSeen = journalFills.length;
    const modelFills = m.fills().slice(this.modelFillsSeen);
    this.modelFillsSeen = m.fills().length;
    tally(this.stats, 'trades', modelFills.length);
    const group = (fills: ReadonlyArray<{ side: string; price: number; size: number; liquidity: string; feeAsset: string; feeAmount: number }>) => {
      const out = new Map<string, { size: number; feeAmount: number }>();
      for (const f of fills) {
        const key = `${f.side} @ ${Number(f.price.toPrecision(12))} ${f.liquidity} fee in ${f.feeAsset}`;
        const g = out.get(key) ?? { size: 0, feeAmount: 0 };
        g.size += f.size;
        g.feeAmount += f.feeAmount;
        out.set(key, g);
      }
      return out;
    };
    const got = group(deskFills);
    const want = group(modelFills);
    const list = (g: Map<string, { size: number; feeAmount: number }>) => [...g].map(([k, v]) => `${v.size} ${k} ${v.feeAmount}`).sort();
    const sameFills = got.size === want.size && [...want].every(([k, w]) => {
      const g = got.get(k);
      return g !== undefined && same(g.size, w.size) && same(g.feeAmount, w.feeAmount);
    });
    if (!sameFills) this.differs("this step's fills", list(got), list(want));

    if (snap.risk.state !== m.tradingState() || snap.risk.reasonCode !== m.stateReason()) {
      this.differs('trading state', `${snap.risk.state} (${snap.risk.reasonCode})`, `${m.tradingState()} (${m.stateReason()})`);
    }
    if (!same(snap.account.cash, m.cash())) this.differs('cash', snap.account.cash, m.cash());
    const desk = snap.positions.find((p) => p.symbol === SYMBOL);
    const model = m.position(SYMBOL);
    if (!same(desk?.size ?? 0, model?.size ?? 0)) this.differs('BTC position', desk?.size ?? 0, model?.size ?? 0);
    if (desk && model && Math.abs(model.size) > 1e-12) {
      if (desk.dust !== model.dust) this.differs(`dust flag (size ${model.size})`, desk.dust, model.dust);
      if (!same(desk.avgPrice, model.avgPrice)) this.differs('average price', desk.avgPrice, model.avgPrice);
      if (!same(desk.markPrice, model.mark)) this.differs('mark', desk.markPrice, model.mark);
      if (!money(desk.realizedPnl, model.realizedPnl)) this.differs('realized PnL', desk.realizedPnl, model.realizedPnl);
    }
    if (!money(snap.account.realizedPnl, m.realizedPnl())) this.differs('realized PnL', snap.account.realizedPnl, m.realizedPnl());
    if (!money(snap.account.feesPaid, m.feesPaid())) this.differs('fees paid', snap.account.feesPaid, m.feesPaid());
    if (!money(snap.account.equity, m.equity())) this.differs('equity', snap.account.equity, m.equity());

    const expected = m.openOrders();
    const line = (o: { side: string; size: number; filled: number; price?: number }) => `${o.side} ${o.filled}/${o.size} @ ${o.price}`;
    const deskList = snap.openOrders.map((o) => `${this.modelIdOf.get(o.clientOrderId) ?? o.clientOrderId}: ${line(o)} [${o.status}]`);
    const modelList = expected.map((o) => `${o.id}: ${line(o)}`);
    const sameOrders =
      snap.openOrders.length === expected.length &&
      expected.every((w) => {
        const o = snap.openOrders.find((d) => d.clientOrderId === this.deskIdOf.get(w.id));
        return o !== undefined && o.side === w.side && same(o.size, w.size) && same(o.filled, w.filled) && o.price !== undefined && same(o.price, w.price);
      });
    if (!sameOrders) this.differs('working orders', deskList, modelList);
  }

  /** The desk's order as it stands after the command (shadow fills synchronously) against the model's result. */
  private compareOrder(what: string, order: Order, expected: ModelOrderResult): void {
    this.deskIdOf.set(expected.id, order.clientOrderId);
    this.modelIdOf.set(order.clientOrderId, expected.id);
    const now = this.orderIn(order.clientOrderId) ?? order;
    if (now.status !== expected.status) this.differs(`${what}: status`, `${now.status}${now.reason ? ` (${now.reason})` : ''}`, expected.status);
    if (!same(now.filled, expected.filled)) this.differs(`${what}: size filled at once`, now.filled, expected.filled);
    if (expected.filled > 0 && !same(now.avgFillPrice, expected.avgFillPrice)) this.differs(`${what}: average fill price`, now.avgFillPrice, expected.avgFillPrice);
  }

  private orderIn(clientOrderId: string): Order | undefined {
    const snap = this.s.engine.snapshot();
    return snap.openOrders.find((o) => o.clientOrderId === clientOrderId) ?? snap.orderHistory.find((o) => o.clientOrderId === clientOrderId);
  }

  // ---------------------------------------------------------------- the steps

  async run(a: Action): Promise<void> {
    this.step += 1;
    this.label = describeAction(a);
    tally(this.stats, 'steps');
    const engine = () => this.s.engine;
    switch (a.kind) {
      case 'book': {
        let book: BookSides = makeBook(this.mid, a);
        if (JSON.stringify(book) === JSON.stringify(this.lastBook)) book = { bids: book.bids.map(([p, q]) => [toTick(p + 0.01), q]), asks: book.asks.map(([p, q]) => [toTick(p + 0.01), q]) };
        this.label += `: bids ${show(book.bids)} asks ${show(book.asks)}`;
        await this.book(book);
        // The exchange's ticker moves on trades: a one-lot print at the mid brings the mark to the new book.
        await this.print(printPrice(this.mid, 0, this.lastPrint), lots(1));
        break;
      }
      case 'print': {
        const resting = a.atResting === null ? [] : this.model.openOrders();
        const target = resting[(a.atResting ?? 0) % Math.max(1, resting.length)];
        const at = target ? printAtResting(target, a.throughTicks, this.lastPrint) : null;
        const price = at?.price ?? printPrice(this.mid, a.offsetBp, this.lastPrint);
        const taker = at?.taker ?? a.taker;
        this.label += ` (${taker} ${lots(a.lots)} at ${price}${target ? `, resting ${target.id} ${target.side} at ${target.price}` : ''})`;
        await this.print(price, lots(a.lots), taker);
        break;
      }
      case 'fill':
        break; // the exchange holds no shadow order to fill
      case 'order': {
        const held = this.model.position(SYMBOL)?.size ?? 0;
        const size = orderSize(a.size, this.mid, held);
        const payload = { symbol: SYMBOL, side: a.side, type: a.type, size, ...(a.type === 'limit' ? { price: limitPrice(this.mid, a.side, a.priceBp, a.passive) } : {}) };
        const outcome = engine().placeOrder(payload);
        const expected = this.model.placeOrder(payload);
        this.label += `: ${show(payload)} -> desk ${outcome.ok ? outcome.order.clientOrderId : outcome.denial.code}, model ${expected.ok ? expected.order.id : expected.code}`;
        if (outcome.ok !== expected.ok || (!outcome.ok && !expected.ok && outcome.denial.code !== expected.code)) {
          this.differs('order result', outcome.ok ? 'accepted' : `${outcome.denial.code}: ${outcome.denial.message}`, expected.ok ? 'accepted' : `${expected.code}: ${expected.reason}`);
        }
        if (outcome.ok && expected.ok) {
          tally(this.stats, 'ordersAccepted');
          this.compareOrder('the order', outcome.order, expected.order);
        } else if (!outcome.ok) count(this.stats, 'refusals', outcome.denial.code);
        break;
      }
      case 'cancel': {
        const working = this.model.openOrders();
        if (working.length === 0) {
          this.label += ' (nothing working)';
          break;
        }
        const target = working[a.pick % working.length]!;
        const clientOrderId = this.deskIdOf.get(target.id)!;
        this.label += `: ${clientOrderId} (${target.side} ${target.size} @ ${target.price})`;
        engine().cancelOrder(clientOrderId);
        this.model.cancel(target.id);
        break;
      }
      case 'cancelAll': {
        const cancelled = engine().cancelAll();
        const expected = this.model.cancelAll().cancelled;
        this.label += `: ${cancelled}`;
        if (cancelled !== expected) this.differs('orders cancelled', cancelled, expected);
        break;
      }
      case 'close': {
        const outcome = engine().closePosition(SYMBOL);
        const expected = this.model.closePosition(SYMBOL);
        const deskSays = outcome === null ? 'nothing to close' : outcome.ok ? `sell ${outcome.order.size}` : `${outcome.denial.code}: ${outcome.denial.message}`;
        const modelSays = !expected.ok ? `${expected.code}: ${expected.reason}` : expected.order === null ? 'nothing to close' : `sell ${expected.order.size}`;
        this.label += ` -> desk ${deskSays}, model ${modelSays}`;
        const deskOk = outcome === null || outcome.ok;
        if (deskOk !== expected.ok || (outcome === null) !== (expected.ok && expected.order === null)) this.differs('Close', deskSays, modelSays);
        if (outcome && !outcome.ok) count(this.stats, 'refusals', outcome.denial.code);
        if (outcome?.ok && expected.ok && expected.order) this.compareOrder('Close', outcome.order, expected.order);
        break;
      }
      case 'halt':
        engine().halt('property test');
        this.model.halt();
        break;
      case 'resume':
        this.resume();
        break;
      case 'kill': {
        const report = engine().killSwitch();
        const expected = this.model.killSwitch();
        this.label += ` -> cancelled ${report.cancelled}, closed ${report.closed}, remaining ${show(report.remaining.map((r) => r.size))}`;
        const sizes = (r: Pick<typeof report, 'remaining'>) => r.remaining.map((x) => x.size);
        const [got, want] = [sizes(report), sizes(expected)];
        const sameReport =
          report.cancelled === expected.cancelled &&
          report.closed === expected.closed &&
          got.length === want.length &&
          got.every((size, i) => same(size, want[i]!));
        if (!sameReport) {
          this.differs('kill switch report', { cancelled: report.cancelled, closed: report.closed, remaining: report.remaining.map((r) => r.size) }, { cancelled: expected.cancelled, closed: expected.closed, remaining: expected.remaining.map((r) => r.size) });
        }
        if (a.thenResume) {
          this.compare();
          this.label += '; resume';
          this.resume();
        }
        break;
      }
      case 'restart': {
        await this.s.close();
        this.model.restart();
        tally(this.stats, 'restarts');
        this.s = await this.h.session(this.sim, 'shadow', SESSION);
        // The new feed subscribes and gets the exchange's book as it stands: a book like any other.
        await this.bookInEngine(this.lastBook);
        this.model.book(SYMBOL, this.lastBook.bids, this.lastBook.asks, Date.now());
        break;
      }
      case 'fault':
        break;
    }
    this.done.push(`${this.step}. ${this.label}`);
    this.compare();
  }

  private resume(): void {
    const denial = this.s.engine.resume();
    const expected = this.model.resume();
    if ((denial === null) !== expected.ok) this.differs('resume', denial === null ? 'resumed' : `${denial.code}: ${denial.message}`, expected.ok ? 'resumed' : `refused: ${expected.reason}`);
  }
}

// ---------------------------------------------------------------- the property

const stats = newStats({ steps: 'steps, each compared with the model', trades: 'fills compared with the model' });
/** The counts the property ran, for RELIABILITY.md (printed with HFT_PROPERTY_STATS=1). */
export const shadowVsModelStats = stats;

afterAll(() => printStats('shadow desk vs model', stats));

const shrink = process.env.HFT_PROPERTY_SHRINK === '1';

describe('the shadow desk against the reference model, on the Binance simulator', () => {
  it('sends nothing and keeps the account the model keeps, after every step of random trading', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(actionArb({ live: false }), { minLength: 8, maxLength: 20 }), async (actions) => {
        const started = Date.now();
        const h = new Harness();
        try {
          const run = await ShadowRun.open(h, stats);
          for (const action of actions) await run.run(action);
          await sleep(100);
          run.compare();
          tally(stats, 'sequences');
          if (process.env.HFT_PROPERTY_STEPS) console.log(run.done.join('\n'));
        } finally {
          await h.close();
          stats.ms += Date.now() - started;
        }
      }),
      { numRuns: propertyRuns(5), endOnFailure: !shrink },
    );
  });

  it("the model's opening holdings: taken in at the first ticker's mid, as capital, not as a gain", () => {
    const model = new SpotAccountModel({ symbols: [BTC_USDT], startingCapital: 50_000, riskLimits: RISK_LIMITS, now: 0, openingHoldings: { [SYMBOL]: 0.5 } });
    expect(model.position(SYMBOL)).toBeUndefined();
    model.book(SYMBOL, OPENING_BOOK.bids, OPENING_BOOK.asks, 1);
    expect(model.position(SYMBOL)).toMatchObject({ size: 0.5, avgPrice: 60_005, realizedPnl: 0, fees: 0, mark: 60_005 });
    expect(model.cash()).toBe(50_000);
    expect(model.equity()).toBe(50_000 + 0.5 * 60_005);
    expect(model.startingCapital()).toBe(model.equity());
    expect(model.peak()).toBe(model.equity());
    expect(model.dayStart()).toBe(model.equity());
    // a later book moves the mark, not the holding's cost
    model.book(SYMBOL, [[60_100, 1]], [[60_110, 1]], 2);
    expect(model.position(SYMBOL)).toMatchObject({ size: 0.5, avgPrice: 60_005, mark: 60_105 });
  });
});
