// The live desk and the exchange account it trades, driven step by step for the exchange-vs-venue
// properties: each step is run, then the desk is given time to settle, and it must then agree with the
// exchange (see differences()); a holdings correction after the opening import is a failure of its own.
import type { BinanceSim } from '../support/exchange-sim/binance-sim.ts';
import { Harness, heldAt, sleep, SYMBOL, waitFor, type ExchangeSession, type SessionOptions } from './exchange-harness.ts';
import {
  count,
  describeAction,
  fillSize,
  limitPrice,
  lots,
  makeBook,
  Mismatch,
  OPENING_BOOK,
  orderSize,
  printAtResting,
  printPrice,
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

/** Risk stays out of the way of what is compared here (breakers cannot trip on these sizes anyway). */
const SESSION: SessionOptions = { riskLimits: { dailyLossLimit: 0.5, maxDrawdown: 0.5 } };
const OPEN_AT_VENUE = new Set(['NEW', 'PARTIALLY_FILLED']);
const UNSETTLED = new Set(['pending', 'unknown']);

type BookSides = { bids: [number, number][]; asks: [number, number][] };

/** One desk, one exchange account, one journal folder: a sequence from opening to the last step. */
export class LiveRun {
  readonly h: Harness;
  readonly sim: BinanceSim;
  s: ExchangeSession;
  readonly stats: PropertyStats;
  private readonly settleMs: number;
  private mid = START_MID;
  private lastPrint: number | undefined;
  private lastBook: BookSides = OPENING_BOOK;
  private adjustmentsAtOpen = 0;
  /** Fills the exchange reports late by this much (the faults property). */
  private fillDelayMs = 0;
  step = 0;
  label = 'opening';
  readonly done: string[] = [];

  private constructor(h: Harness, sim: BinanceSim, s: ExchangeSession, stats: PropertyStats, settleMs: number) {
    this.h = h;
    this.sim = sim;
    this.s = s;
    this.stats = stats;
    this.settleMs = settleMs;
  }

  static async open(h: Harness, stats: PropertyStats, settleMs: number): Promise<LiveRun> {
    const sim = await h.sim({ balances: { ...START_BALANCES } });
    const s = await h.session(sim, 'live', SESSION);
    const run = new LiveRun(h, sim, s, stats, settleMs);
    sim.setBook(SIM_SYMBOL, OPENING_BOOK.bids, OPENING_BOOK.asks);
    await waitFor('the opening book in the engine', () => s.engine.snapshot().book?.bids[0]?.[0] === OPENING_BOOK.bids[0]![0]);
    run.lastPrint = START_MID;
    sim.printTrade(SIM_SYMBOL, START_MID, 0.001, 'BUY');
    await waitFor('the opening ticker in the engine', () => s.engine.snapshot().tickers[SYMBOL]?.last === START_MID);
    await waitFor('the exchange holdings imported', () => same(run.position(), heldAt(sim, 'BTC')));
    run.adjustmentsAtOpen = s.journal.load(1e6).adjustments.length;
    await run.settle();
    return run;
  }

  position(): number {
    return this.s.engine.snapshot().positions.find((p) => p.symbol === SYMBOL)?.size ?? 0;
  }

  private fail(message: string): never {
    throw new Mismatch(`step ${this.step} (${this.label}): ${message}\n  steps so far: ${this.done.join(' | ')}`);
  }

  // ---------------------------------------------------------------- the comparison

  /** What differs between the desk and the exchange now; empty when they agree. */
  differences(): string[] {
    const out: string[] = [];
    const snap = this.s.engine.snapshot();
    const journal = this.s.journal.load(1e6);
    const journaled = new Set([...journal.openOrders, ...journal.recentOrders].map((o) => o.clientOrderId));

    const unsettled = snap.openOrders.filter((o) => UNSETTLED.has(o.status));
    if (unsettled.length > 0) out.push(`orders still unsettled at the desk: ${unsettled.map((o) => `${o.clientOrderId} ${o.status}`).join(', ')}`);

    const venueOrders = this.sim.orders();
    const unjournaled = venueOrders.filter((o) => !journaled.has(o.clientOrderId));
    if (unjournaled.length > 0) out.push(`orders at the exchange the desk never journaled: ${show(unjournaled.map((o) => `${o.clientOrderId} ${o.side} ${o.origQty} ${o.status}`))}`);

    // open orders: the exchange's open orders for the desk's client ids, and no other
    const venueOpen = venueOrders.filter((o) => OPEN_AT_VENUE.has(o.status) && journaled.has(o.clientOrderId));
    const deskOpen = snap.openOrders;
    const line = (o: { side: string; size: number; filled: number; price?: number }) => `${o.side} ${o.filled}/${o.size} @ ${o.price}`;
    const deskList = deskOpen.map((o) => `${o.clientOrderId}: ${line(o)} [${o.status}]`).sort();
    const venueList = venueOpen.map((o) => `${o.clientOrderId}: ${line({ side: o.side.toLowerCase(), size: o.origQty, filled: o.executedQty, price: o.price })} [${o.status}]`).sort();
    const sameOrders =
      deskOpen.length === venueOpen.length &&
      venueOpen.every((v) => {
        const d = deskOpen.find((o) => o.clientOrderId === v.clientOrderId);
        return d !== undefined && d.side === v.side.toLowerCase() && same(d.size, v.origQty) && same(d.filled, v.executedQty) && d.price !== undefined && same(d.price, v.price);
      });
    if (!sameOrders) out.push(`open orders: desk ${show(deskList)}, exchange ${show(venueList)}`);

    // trades: every exchange trade of the desk's orders journaled once, by trade id and size, and nothing else
    const clientIdOf = new Map(venueOrders.filter((o) => journaled.has(o.clientOrderId)).map((o) => [o.orderId, o.clientOrderId]));
    const venueTrades = this.sim.trades().filter((t) => clientIdOf.has(t.orderId));
    const fills = journal.fills;
    for (const t of venueTrades) {
      const matches = fills.filter((f) => f.tradeId === String(t.id));
      const ok = matches.length === 1 && same(matches[0]!.size, t.qty) && matches[0]!.clientOrderId === clientIdOf.get(t.orderId);
      if (!ok) {
        out.push(`exchange trade ${t.id} (${t.qty} of ${clientIdOf.get(t.orderId)} at ${t.price}) is journaled as ${show(matches.map((f) => `${f.clientOrderId} ${f.size} @ ${f.price}`))}`);
      }
    }
    const venueTradeIds = new Set(venueTrades.map((t) => String(t.id)));
    const invented = fills.filter((f) => !venueTradeIds.has(f.tradeId));
    if (invented.length > 0) out.push(`journal fills with no exchange trade: ${show(invented.map((f) => `${f.tradeId}: ${f.clientOrderId} ${f.side} ${f.size} @ ${f.price}`))}`);

    // money
    const btc = this.sim.balance('BTC');
    const usdt = this.sim.balance('USDT');
    const position = snap.positions.find((p) => p.symbol === SYMBOL)?.size ?? 0;
    if (!same(position, btc.free + btc.locked)) out.push(`BTC position: desk ${position}, exchange ${btc.free + btc.locked} (free ${btc.free} + locked ${btc.locked})`);
    if (!same(snap.account.cash, usdt.free + usdt.locked)) out.push(`USDT cash: desk ${snap.account.cash}, exchange ${usdt.free + usdt.locked} (free ${usdt.free} + locked ${usdt.locked})`);
    return out;
  }

  /** No holdings correction after the opening import: the desk matched the exchange by its fills alone. */
  private checkNoCorrection(): void {
    const adjustments = this.s.journal.load(1e6).adjustments;
    if (adjustments.length !== this.adjustmentsAtOpen) {
      const added = adjustments.slice(this.adjustmentsAtOpen).map((a) => `${a.asset} ${a.amount > 0 ? '+' : ''}${a.amount} at ${a.price} after ${a.afterFills} fills`);
      this.fail(`the desk corrected its holdings to the exchange's (an adjustment hides a wrong or missing fill): ${show(added)}`);
    }
  }

  /**
   * Waits until the desk has settled and agrees with the exchange, seen twice 100 ms apart; fails with the
   * differences still there at the deadline.
   */
  async settle(): Promise<void> {
    const deadline = Date.now() + this.settleMs;
    let agreedOnce = false;
    for (;;) {
      const diffs = this.differences();
      if (diffs.length === 0) {
        if (agreedOnce) break;
        agreedOnce = true;
        await sleep(100);
        continue;
      }
      agreedOnce = false;
      if (Date.now() > deadline) this.fail(`after ${this.settleMs} ms the desk still differs from the exchange: ${diffs.join('; ')}`);
      await sleep(50);
    }
    this.checkNoCorrection();
  }

  /** The end of a sequence: late stream reports and a holdings check have had their time; still equal. */
  async finish(): Promise<void> {
    this.step += 1;
    this.label = 'the end, after late reports and a holdings check';
    this.sim.fault.delayFills(0);
    this.sim.fault.duplicateFills(false);
    await sleep(this.fillDelayMs + 800);
    await this.settle();
    this.countOutcomes();
  }

  private countOutcomes(): void {
    const journal = this.s.journal.load(1e6);
    for (const o of journal.recentOrders) if (o.status === 'rejected') count(this.stats, 'rejections', (o.reason ?? '').split(/[.:(]/)[0]!.slice(0, 60));
    const ids = new Set(journal.recentOrders.map((o) => o.clientOrderId));
    const orderIds = new Set(this.sim.orders().filter((o) => ids.has(o.clientOrderId)).map((o) => o.orderId));
    tally(this.stats, 'trades', this.sim.trades().filter((t) => orderIds.has(t.orderId)).length);
  }

  // ---------------------------------------------------------------- the steps

  private async bookReached(book: BookSides, what: string): Promise<void> {
    const bid = book.bids[0]![0];
    const ask = book.asks[0]![0];
    // The kill switch may sell into the new bids the moment they arrive; the asks stay as set.
    await waitFor(what, () => {
      const snap = this.s.engine.snapshot();
      const b = snap.book;
      if (!b || b.asks[0]?.[0] !== ask) return false;
      return b.bids[0]?.[0] === bid || (snap.risk.reasonCode === 'KILL_SWITCH' && (b.bids[0]?.[0] ?? 0) <= bid);
    }, this.settleMs);
  }

  private setBook(book: BookSides): void {
    // A book equal to the last one set would send no update: move it a tick.
    const unchanged = book.bids[0]![0] === this.lastBook.bids[0]![0] && book.asks[0]![0] === this.lastBook.asks[0]![0];
    if (unchanged) book = { bids: book.bids.map(([p, q]) => [toTick(p + 0.01), q]), asks: book.asks.map(([p, q]) => [toTick(p + 0.01), q]) };
    this.lastBook = book;
    this.mid = (book.bids[0]![0] + book.asks[0]![0]) / 2;
    this.sim.setBook(SIM_SYMBOL, book.bids, book.asks);
  }

  /** Resting desk orders at the exchange, oldest first. */
  private resting(mine = new Set(this.s.journal.load(1e6).openOrders.map((o) => o.clientOrderId))) {
    return this.sim.orders().filter((o) => OPEN_AT_VENUE.has(o.status) && mine.has(o.clientOrderId));
  }

  private fillResting(pick: number, fraction: number, mine?: Set<string>): string {
    const resting = this.resting(mine);
    if (resting.length === 0) return 'nothing resting';
    const o = resting[pick % resting.length]!;
    const qty = fillSize(o.origQty - o.executedQty, fraction);
    this.sim.fillOrder(o.clientOrderId, qty);
    return `${o.clientOrderId} ${o.side} filled ${qty} of ${o.origQty - o.executedQty} left at ${o.price}`;
  }

  async run(a: Action): Promise<void> {
    this.step += 1;
    this.label = describeAction(a);
    tally(this.stats, 'steps');
    const engine = () => this.s.engine;
    switch (a.kind) {
      case 'book': {
        const book = makeBook(this.mid, a);
        this.setBook(book);
        this.label += `: bids ${show(this.lastBook.bids)} asks ${show(this.lastBook.asks)}`;
        await this.bookReached(this.lastBook, 'the new book in the engine');
        break;
      }
      case 'print': {
        const resting = a.atResting === null ? [] : this.resting();
        const target = resting[(a.atResting ?? 0) % Math.max(1, resting.length)];
        const at = target ? printAtResting({ side: target.side === 'BUY' ? 'buy' : 'sell', price: target.price }, a.throughTicks, this.lastPrint) : null;
        const price = at?.price ?? printPrice(this.mid, a.offsetBp, this.lastPrint);
        const taker = at?.taker ?? a.taker;
        this.lastPrint = price;
        const qty = lots(a.lots);
        this.label += ` (${taker} ${qty} at ${price}${target ? `, resting ${target.clientOrderId} ${target.side} at ${target.price}` : ''})`;
        this.sim.printTrade(SIM_SYMBOL, price, qty, taker);
        break;
      }
      case 'fill':
        this.label += `: ${this.fillResting(a.pick, a.fraction)}`;
        break;
      case 'order': {
        const size = orderSize(a.size, this.mid, this.position());
        const request = { symbol: SYMBOL, side: a.side, type: a.type, size, ...(a.type === 'limit' ? { price: limitPrice(this.mid, a.side, a.priceBp, a.passive) } : {}) };
        const outcome = engine().placeOrder(request);
        this.label += `: ${show(request)} -> ${outcome.ok ? outcome.order.clientOrderId : outcome.denial.code}`;
        if (outcome.ok) tally(this.stats, 'ordersAccepted');
        else count(this.stats, 'refusals', outcome.denial.code);
        break;
      }
      case 'cancel': {
        const open = engine().snapshot().openOrders.filter((o) => o.status === 'open' || o.status === 'partially_filled');
        if (open.length === 0) {
          this.label += ' (nothing open)';
          break;
        }
        const target = open[a.pick % open.length]!;
        this.label += `: ${target.clientOrderId}`;
        engine().cancelOrder(target.clientOrderId);
        break;
      }
      case 'cancelAll':
        this.label += `: ${engine().cancelAll()} orders`;
        break;
      case 'close': {
        const outcome = engine().closePosition(SYMBOL);
        this.label += ` -> ${outcome === null ? 'nothing to close' : outcome.ok ? `${outcome.order.clientOrderId} sell ${outcome.order.size}` : outcome.denial.code}`;
        if (outcome && !outcome.ok) count(this.stats, 'refusals', outcome.denial.code);
        break;
      }
      case 'halt':
        engine().halt('property test');
        break;
      case 'resume': {
        const denial = engine().resume();
        if (denial) this.label += ` -> refused ${denial.code}`;
        break;
      }
      case 'kill': {
        const report = engine().killSwitch();
        this.label += ` -> cancelled ${report.cancelled}, closed ${report.closed}, remaining ${show(report.remaining.map((r) => r.size))}`;
        if (a.thenResume) {
          await this.settle();
          const denial = engine().resume();
          this.label += `; resume${denial ? ` refused ${denial.code}` : ''}`;
        }
        break;
      }
      case 'restart': {
        const mine = new Set(this.s.journal.load(1e6).openOrders.map((o) => o.clientOrderId));
        await this.s.close();
        tally(this.stats, 'restarts');
        if (a.whileClosed) this.label += `: ${this.fillResting(a.whileClosed.pick, a.whileClosed.fraction, mine)}`;
        this.s = await this.h.session(this.sim, 'live', SESSION);
        await waitFor('a book in the restarted engine', () => this.s.engine.snapshot().book !== null, this.settleMs);
        break;
      }
      case 'fault':
        if (a.fault === 'delayFills') {
          this.sim.fault.delayFills(a.ms);
          this.fillDelayMs = Math.max(this.fillDelayMs, a.ms);
        } else if (a.fault === 'duplicateFills') {
          this.sim.fault.duplicateFills(true);
        } else if (a.fault === 'clear') {
          this.sim.fault.delayFills(0);
          this.sim.fault.duplicateFills(false);
        } else {
          this.sim.fault.dropConnections();
          await this.marketFlowsAgain();
        }
        break;
    }
    this.done.push(`${this.step}. ${this.label}`);
    await this.settle();
  }

  /** After every socket was cut: the same book moved a tick until the reconnected feed shows it. */
  private async marketFlowsAgain(): Promise<void> {
    for (let tries = 0; tries < 40; tries++) {
      this.setBook({ bids: this.lastBook.bids.map(([p, q]) => [toTick(p + 0.01), q]), asks: this.lastBook.asks.map(([p, q]) => [toTick(p + 0.01), q]) });
      await sleep(150);
      const b = this.s.engine.snapshot().book;
      if (b?.asks[0]?.[0] === this.lastBook.asks[0]![0]) return;
    }
    this.fail('market data never came back after the connections were dropped');
  }
}

/** One random sequence from opening to the end, on a fresh exchange account and data folder. */
export async function liveSequence(actions: Action[], into: PropertyStats, settleMs: number): Promise<void> {
  const started = Date.now();
  const h = new Harness();
  try {
    const run = await LiveRun.open(h, into, settleMs);
    for (const action of actions) await run.run(action);
    await run.finish();
    tally(into, 'sequences');
    if (process.env.HFT_PROPERTY_STEPS) console.log(run.done.join('\n'));
  } finally {
    await h.close();
    into.ms += Date.now() - started;
  }
}
