// A second opinion on the desk: a small model of a paper spot account, its matcher and its risk rules,
// written from test/model/README.md (the spec) and from how a Binance-like spot exchange accounts.
// It imports nothing from src/main and only types from src/shared.
//
// Conventions:
// - Order sizes, book levels and prints are counted in whole lots (integers), so that walking a book
//   never leaves float residue. A position is not always a whole number of lots (a buy's fee is taken in
//   the base asset), so positions are plain numbers and are rounded down to the lot when sold.
// - Every money amount is in the quote asset (USDT).
// - The model is driven the way a test drives the desk: market events carry their timestamp, commands
//   happen at the time of the last event (or of advanceTo).
import type { KillSwitchReport } from '../../src/shared/contract.ts';
import type { BookLevel, SymbolInfo } from '../../src/shared/market.ts';
import type { DenialCode, RiskLimits, TradingState } from '../../src/shared/risk.ts';
import type { OrderStatus, OrderType, Side } from '../../src/shared/trading.ts';

export type RefusalCode = 'INVALID_PAYLOAD' | DenialCode;
export type StateReason = 'MANUAL_HALT' | 'DAILY_LOSS_LIMIT' | 'MAX_DRAWDOWN' | 'KILL_SWITCH';

export interface ModelFill {
  orderId: string;
  symbol: string;
  side: Side;
  price: number;
  size: number;
  /** The fee's value in quote. */
  fee: number;
  feeAsset: string;
  feeAmount: number;
  liquidity: 'maker' | 'taker';
}

/** What became of an accepted order at once. */
export interface ModelOrderResult {
  id: string;
  symbol: string;
  side: Side;
  type: OrderType;
  size: number;
  price?: number;
  /** Filled when it arrived (taker). */
  filled: number;
  avgFillPrice: number;
  /** filled, open / partially_filled (resting), or cancelled (a market order the book could not fill). */
  status: OrderStatus;
  fills: ModelFill[];
}

export type PlaceOutcome =
  | { ok: true; order: ModelOrderResult }
  | { ok: false; code: RefusalCode; reason: string };

export type CloseOutcome =
  | { ok: true; order: ModelOrderResult | null }
  | { ok: false; code: RefusalCode; reason: string };

export interface ModelPosition {
  symbol: string;
  size: number;
  avgPrice: number;
  realizedPnl: number;
  /** Quote value of the fees charged on this symbol's fills. */
  fees: number;
  mark: number;
  dust: boolean;
}

export interface ModelWorkingOrder {
  id: string;
  symbol: string;
  side: Side;
  size: number;
  filled: number;
  price: number;
}

export interface ModelSettingsUpdate {
  startingCapital?: number;
  riskLimits?: Partial<RiskLimits>;
}

export interface ModelOptions {
  symbols: SymbolInfo[];
  startingCapital: number;
  riskLimits: RiskLimits;
  /** The clock at the start (epoch ms). */
  now: number;
  /**
   * Base the account already holds when it begins, per symbol (a shadow account starts from what the
   * exchange account holds), besides `startingCapital` in quote. See "Holdings an account opens with" in
   * README.md: each is taken in at the symbol's first ticker, at its mid.
   */
  openingHoldings?: Record<string, number>;
  /** Paper by default; a shadow account's capital is the exchange's, so settings never re-base it. */
  mode?: 'paper' | 'shadow';
}

/** "Comparisons of limits allow a relative 1e-12, so an order exactly at a limit passes." */
const LIMIT_SLACK = 1e-12;
/** Slack, in lots, when a size is put on the lot grid or rounded down to it (float residue only). */
const LOT_SLACK = 1e-6;
const DAY_MS = 86_400_000;

function exceeds(value: number, limit: number): boolean {
  return value > limit + LIMIT_SLACK * Math.abs(limit);
}
function fallsShort(value: number, limit: number): boolean {
  return value < limit - LIMIT_SLACK * Math.abs(limit);
}
function reaches(value: number, limit: number): boolean {
  return value >= limit - LIMIT_SLACK * Math.abs(limit);
}
function onGrid(value: number, step: number): boolean {
  const n = value / step;
  return Math.abs(n - Math.round(n)) <= LOT_SLACK;
}
function sign(side: Side): 1 | -1 {
  return side === 'buy' ? 1 : -1;
}
function utcDay(ts: number): number {
  return Math.floor(ts / DAY_MS);
}

interface Level {
  price: number;
  /** The level's size rounded down to whole lots. */
  lots: number;
  /** Lots earlier orders took from it in this snapshot. */
  taken: number;
}

interface Book {
  bids: Level[];
  asks: Level[];
}

interface Holding {
  /** Base held; signed (a margin short is negative, a spot position never is). */
  size: number;
  avgPrice: number;
  realizedPnl: number;
  fees: number;
}

interface Working {
  id: string;
  seq: number;
  symbol: string;
  side: Side;
  lots: number;
  filledLots: number;
  price: number;
}

/** An order that has passed the payload checks, on its way through risk. */
interface Candidate {
  info: SymbolInfo;
  side: Side;
  type: OrderType;
  size: number;
  price?: number;
  stopPrice?: number;
  /** From the ticket or Close (not a strategy). */
  fromTrader: boolean;
}

type Refusal = { code: RefusalCode; reason: string };

export class SpotAccountModel {
  readonly symbols: SymbolInfo[];
  private limits: RiskLimits;
  /** The startingCapital setting; the account's own capital changes only on a re-base or a reset. */
  private capitalSetting: number;
  private accountCapital: number;
  private clock: number;

  private cashHeld: number;
  private fees = 0;
  /** Fills since the last reset (a new startingCapital re-bases only an account without any). */
  private fillCount = 0;
  /** Every fill the model made, oldest first, across resets and restarts. */
  private fillLog: ModelFill[] = [];
  private holdings = new Map<string, Holding>();
  /** Opening holdings (base, per symbol) still waiting for the symbol's first ticker to be valued at. */
  private unpricedOpening = new Map<string, number>();
  private readonly paper: boolean;
  private working: Working[] = [];
  private orderSeq = 0;

  private books = new Map<string, Book>();
  private tickers = new Map<string, { bid: number; ask: number }>();
  /** The mark per symbol: the last ticker's mid, or before any ticker the first fill's price. */
  private marks = new Map<string, number>();
  private lastData = new Map<string, number>();

  private state: TradingState = 'ACTIVE';
  private reason: StateReason | null = null;
  private killSwitchPending = false;
  private peakEquity: number;
  private dayStartEquity: number;
  private day: number;

  constructor(options: ModelOptions) {
    this.symbols = options.symbols;
    this.limits = { ...options.riskLimits };
    this.capitalSetting = options.startingCapital;
    this.accountCapital = options.startingCapital;
    this.cashHeld = options.startingCapital;
    this.clock = options.now;
    this.peakEquity = options.startingCapital;
    this.dayStartEquity = options.startingCapital;
    this.day = utcDay(options.now);
    for (const [symbol, size] of Object.entries(options.openingHoldings ?? {})) if (size > 0) this.unpricedOpening.set(symbol, size);
    this.paper = (options.mode ?? 'paper') === 'paper';
  }

  // ---------------------------------------------------------------- readings

  now(): number {
    return this.clock;
  }
  startingCapital(): number {
    return this.accountCapital;
  }
  cash(): number {
    return this.cashHeld;
  }
  feesPaid(): number {
    return this.fees;
  }
  equity(): number {
    let equity = this.cashHeld;
    for (const [symbol, h] of this.holdings) if (h.size !== 0) equity += h.size * this.markOf(symbol);
    return equity;
  }
  realizedPnl(): number {
    let total = 0;
    for (const h of this.holdings.values()) total += h.realizedPnl;
    return total;
  }
  unrealizedPnl(): number {
    let total = 0;
    for (const [symbol, h] of this.holdings) if (h.size !== 0) total += h.size * (this.markOf(symbol) - h.avgPrice);
    return total;
  }
  /** Every fill so far, oldest first (a reset does not clear it). */
  fills(): readonly ModelFill[] {
    return this.fillLog;
  }
  tradingState(): TradingState {
    return this.state;
  }
  stateReason(): StateReason | null {
    return this.reason;
  }
  peak(): number {
    return this.peakEquity;
  }
  dayStart(): number {
    return this.dayStartEquity;
  }
  riskLimits(): RiskLimits {
    return { ...this.limits };
  }
  /** Still selling what the kill switch could not close (until flat, dust, resume or reset). */
  killSwitchClosing(): boolean {
    return this.killSwitchPending;
  }

  /** Every symbol the account has held since its last reset, in the order of `symbols`. */
  positions(): ModelPosition[] {
    const out: ModelPosition[] = [];
    for (const info of this.symbols) {
      const h = this.holdings.get(info.symbol);
      if (!h) continue;
      out.push({
        symbol: info.symbol,
        size: h.size,
        avgPrice: h.avgPrice,
        realizedPnl: h.realizedPnl,
        fees: h.fees,
        mark: this.markOf(info.symbol),
        dust: this.isDust(info),
      });
    }
    return out;
  }
  position(symbol: string): ModelPosition | undefined {
    return this.positions().find((p) => p.symbol === symbol);
  }

  openOrders(): ModelWorkingOrder[] {
    return this.working.map((w) => {
      const lot = this.info(w.symbol)!.lotSize;
      return { id: w.id, symbol: w.symbol, side: w.side, size: w.lots * lot, filled: w.filledLots * lot, price: w.price };
    });
  }

  // ---------------------------------------------------------------- market data

  /** Moves the clock on (commands happen at the clock's time). */
  advanceTo(ts: number): void {
    if (ts > this.clock) this.clock = ts;
    this.rollDay();
  }

  /**
   * A book snapshot, then (when both sides have a level) a ticker at its touch whose mid is the mark —
   * the order the test harness pushes them in. Returns the fills it caused.
   */
  book(symbol: string, bids: BookLevel[], asks: BookLevel[], ts: number): ModelFill[] {
    const info = this.info(symbol);
    if (!info) return [];
    this.advanceTo(ts);
    const toLevels = (levels: BookLevel[]): Level[] =>
      levels.map(([price, size]) => ({ price, lots: this.floorLots(size, info.lotSize), taken: 0 }));
    const book: Book = { bids: toLevels(bids), asks: toLevels(asks) };
    this.books.set(symbol, book);
    this.lastData.set(symbol, this.clock);

    const fills: ModelFill[] = [];
    // Resting orders the new snapshot crosses fill at their own price: buys highest first, sells lowest
    // first, then oldest.
    for (const o of this.restingOn(symbol, 'buy')) {
      const lots = this.takeFromBook(book.asks, o.lots - o.filledLots, (p) => p <= o.price);
      if (lots > 0) fills.push(this.fillResting(o, lots));
    }
    for (const o of this.restingOn(symbol, 'sell')) {
      const lots = this.takeFromBook(book.bids, o.lots - o.filledLots, (p) => p >= o.price);
      if (lots > 0) fills.push(this.fillResting(o, lots));
    }
    // The kill switch sells what it could not sell before, one market order per snapshot.
    if (this.killSwitchPending) fills.push(...this.killSwitchSell(info).fills);

    const bid = bids[0]?.[0];
    const ask = asks[0]?.[0];
    if (bid !== undefined && ask !== undefined) {
      this.tickers.set(symbol, { bid, ask });
      this.marks.set(symbol, (bid + ask) / 2);
      this.takeInOpening(symbol);
      this.checkBreakers();
    }
    return fills;
  }

  /**
   * An opening holding is taken into its position at the first ticker's mid: its cost is unknown, so the
   * mark is its avgPrice; nothing is realized and no fee is charged. Its value is capital brought in, not a
   * gain: startingCapital, peak equity and the day's starting equity grow by it.
   */
  private takeInOpening(symbol: string): void {
    const size = this.unpricedOpening.get(symbol);
    if (size === undefined) return;
    this.unpricedOpening.delete(symbol);
    const mark = this.markOf(symbol);
    this.move(this.holdingOf(symbol), size, mark);
    const value = size * mark;
    this.accountCapital += value;
    this.peakEquity += value;
    this.dayStartEquity += value;
  }

  /** A public print: resting orders at or through its price fill at their own price, sharing its lots. */
  trade(symbol: string, price: number, size: number, _side: Side, ts: number): ModelFill[] {
    const info = this.info(symbol);
    if (!info) return [];
    this.advanceTo(ts);
    this.lastData.set(symbol, this.clock);
    const fills: ModelFill[] = [];
    for (const side of ['buy', 'sell'] as const) {
      let lotsLeft = this.floorLots(size, info.lotSize);
      for (const o of this.restingOn(symbol, side)) {
        if (lotsLeft <= 0) break;
        const crossed = side === 'buy' ? price <= o.price : price >= o.price;
        if (!crossed) continue;
        const lots = Math.min(lotsLeft, o.lots - o.filledLots);
        lotsLeft -= lots;
        fills.push(this.fillResting(o, lots));
      }
    }
    return fills;
  }

  // ---------------------------------------------------------------- commands

  /** `order.place` from the ticket: the raw payload, exactly as sent to the desk. */
  placeOrder(payload: Record<string, unknown>): PlaceOutcome {
    this.rollDay();
    const invalid = this.payloadProblem(payload);
    if (invalid) return { ok: false, code: 'INVALID_PAYLOAD', reason: invalid };
    const info = this.info(payload.symbol as string);
    if (!info) return { ok: false, code: 'UNKNOWN_SYMBOL', reason: `unknown symbol ${String(payload.symbol)}` };
    const candidate: Candidate = {
      info,
      side: payload.side as Side,
      type: payload.type as OrderType,
      size: payload.size as number,
      price: payload.price as number | undefined,
      stopPrice: payload.stopPrice as number | undefined,
      fromTrader: true,
    };
    const refusal = this.refusal(candidate);
    if (refusal) return { ok: false, ...refusal };
    return { ok: true, order: this.execute(candidate) };
  }

  cancel(id: string): { ok: true; order: ModelWorkingOrder } | { ok: false; code: 'NOT_FOUND' } {
    this.rollDay();
    const order = this.openOrders().find((o) => o.id === id);
    if (!order) return { ok: false, code: 'NOT_FOUND' };
    this.working = this.working.filter((w) => w.id !== id);
    return { ok: true, order };
  }

  cancelAll(): { cancelled: number } {
    this.rollDay();
    const cancelled = this.working.length;
    this.working = [];
    return { cancelled };
  }

  /** `position.close`: a market order for the position rounded down to the lot, through risk. */
  closePosition(symbol: string): CloseOutcome {
    this.rollDay();
    const info = this.info(symbol);
    if (!info) return { ok: false, code: 'UNKNOWN_SYMBOL', reason: `unknown symbol ${symbol}` };
    const h = this.holdings.get(symbol);
    if (!h || h.size === 0 || this.isDust(info)) return { ok: true, order: null };
    const lots = this.floorLots(Math.abs(h.size), info.lotSize);
    const candidate: Candidate = {
      info,
      side: h.size > 0 ? 'sell' : 'buy',
      type: 'market',
      size: lots * info.lotSize,
      fromTrader: true,
    };
    const refusal = this.refusal(candidate);
    if (refusal) return { ok: false, ...refusal };
    return { ok: true, order: this.execute(candidate) };
  }

  /** A halt after the kill switch changes nothing: the kill switch's halt stays, and so does its selling. */
  halt(): void {
    this.rollDay();
    if (this.reason === 'KILL_SWITCH') return;
    this.state = 'HALTED';
    this.reason = 'MANUAL_HALT';
  }

  /**
   * Leaves REDUCING or HALTED; refused while today's loss is at or over the daily limit. Resuming past
   * the drawdown breaker (tripped, or due) measures drawdown from the current equity. While ACTIVE there
   * is nothing to resume and nothing changes.
   */
  resume(): { ok: true } | { ok: false; reason: string } {
    this.rollDay();
    if (this.state === 'ACTIVE') return { ok: true };
    if (this.dailyLossDue()) return { ok: false, reason: "today's loss is at or over the daily limit" };
    const equity = this.equity();
    this.peakEquity = Math.max(this.peakEquity, equity);
    if (this.reason === 'MAX_DRAWDOWN' || this.drawdownDue()) this.peakEquity = equity;
    this.state = 'ACTIVE';
    this.reason = null;
    this.killSwitchPending = false;
    return { ok: true };
  }

  killSwitch(): KillSwitchReport {
    this.rollDay();
    this.state = 'HALTED';
    this.reason = 'KILL_SWITCH';
    const cancelled = this.working.length;
    this.working = [];
    let closed = 0;
    const remaining: KillSwitchReport['remaining'] = [];
    for (const info of this.symbols) {
      const h = this.holdings.get(info.symbol);
      if (!h || h.size === 0) continue;
      if (this.isDust(info)) {
        remaining.push({ symbol: info.symbol, size: h.size, reason: 'dust' });
        continue;
      }
      const sale = this.killSwitchSell(info);
      const after = this.holdings.get(info.symbol)!;
      if (after.size === 0 || this.isDust(info)) closed += 1;
      if (after.size !== 0) remaining.push({ symbol: info.symbol, size: after.size, reason: this.isDust(info) ? 'dust' : sale.reason });
    }
    this.killSwitchPending = true;
    return { cancelled, closed, remaining };
  }

  updateSettings(update: ModelSettingsUpdate): void {
    this.rollDay();
    if (update.riskLimits) this.limits = { ...this.limits, ...update.riskLimits };
    if (update.startingCapital !== undefined) this.capitalSetting = update.startingCapital;
    // After any update, an account with no fills and no working orders takes the configured capital; any
    // other keeps its own until a reset (or an update once it has neither).
    if (this.paper && this.capitalSetting !== this.accountCapital && this.fillCount === 0 && this.working.length === 0) {
      this.accountCapital = this.capitalSetting;
      this.cashHeld = this.capitalSetting;
      this.peakEquity = this.capitalSetting;
      this.dayStartEquity = this.capitalSetting;
    }
  }

  /** `account.reset {confirm: true}`: a new account at the startingCapital setting, ACTIVE. */
  resetAccount(): void {
    this.rollDay();
    this.accountCapital = this.capitalSetting;
    this.cashHeld = this.capitalSetting;
    this.fees = 0;
    this.fillCount = 0;
    this.holdings.clear();
    this.unpricedOpening.clear();
    this.working = [];
    this.state = 'ACTIVE';
    this.reason = null;
    this.killSwitchPending = false;
    this.peakEquity = this.capitalSetting;
    this.dayStartEquity = this.capitalSetting;
  }

  /**
   * The desk stops and starts on the same journal: the account, working orders, trading state and marks
   * stay; the market data (books, tickers and their times) starts afresh with the new feed.
   */
  restart(): void {
    this.books.clear();
    this.tickers.clear();
    this.lastData.clear();
  }

  // ---------------------------------------------------------------- the refusal list

  /** Step 1: the contract's own checks on `order.place`. */
  private payloadProblem(p: Record<string, unknown>): string | null {
    const allowed = ['symbol', 'side', 'type', 'size', 'price', 'stopPrice'];
    for (const key of Object.keys(p)) if (!allowed.includes(key)) return `unknown key ${key}`;
    const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
    if (typeof p.symbol !== 'string' || p.symbol.length < 1 || p.symbol.length > 32) return 'symbol';
    if (p.side !== 'buy' && p.side !== 'sell') return 'side';
    if (p.type !== 'market' && p.type !== 'limit') return 'type';
    if (!isNumber(p.size) || p.size <= 0 || p.size > 1e9) return 'size';
    for (const key of ['price', 'stopPrice'] as const) {
      const v = p[key];
      if (v !== undefined && (!isNumber(v) || v <= 0 || v > 1e12)) return key;
    }
    if (p.type === 'market' && p.price !== undefined) return 'a market order has no price';
    if (p.type === 'limit' && p.price === undefined) return 'a limit order needs a price';
    return null;
  }

  /** Steps 3–13 of the spec, first code that applies. */
  private refusal(o: Candidate): Refusal | null {
    const { info, side, size } = o;
    const lots = Math.round(size / info.lotSize);
    // 3. the grid and the minimum size
    if (!onGrid(size, info.lotSize)) return { code: 'INVALID_ORDER', reason: `size ${size} is not a multiple of the lot ${info.lotSize}` };
    if (fallsShort(size, info.minSize)) return { code: 'INVALID_ORDER', reason: `size ${size} is below the minimum ${info.minSize}` };
    if (o.type === 'limit' && !onGrid(o.price!, info.tickSize)) return { code: 'INVALID_ORDER', reason: `price ${o.price} is off the tick ${info.tickSize}` };
    // 4. halted: only the trader's reducing orders
    const reduces = this.reduces(info, side, lots);
    if (this.state === 'HALTED' && !(o.fromTrader && reduces)) return { code: 'TRADING_HALTED', reason: 'trading is halted' };
    // 5. a price to measure the order at
    const measured = this.measuredPrice(info.symbol, side, lots, o.type === 'limit' ? o.price : undefined);
    if (measured === null) return { code: 'NO_PRICE', reason: `no book and no ticker for ${info.symbol}` };
    // 6. minimum value and the stop's side
    if (info.minNotional > 0 && fallsShort(size * measured, info.minNotional)) return { code: 'INVALID_ORDER', reason: `value ${size * measured} below ${info.minNotional}` };
    if (o.stopPrice !== undefined) {
      // beyond the measured price by more than a relative 1e-12 (an average can compute a hair off a single price)
      const wrongSide = side === 'buy' ? !(o.stopPrice < measured * (1 - 1e-12)) : !(o.stopPrice > measured * (1 + 1e-12));
      if (wrongSide) return { code: 'INVALID_ORDER', reason: `stop ${o.stopPrice} is on the wrong side of ${measured}` };
    }
    // 7. stale market data
    const last = this.lastData.get(info.symbol);
    if (last === undefined || this.clock - last > this.limits.staleFeedMs) return { code: 'STALE_FEED', reason: `no market data for ${info.symbol}` };
    // 8. breakers: a due breaker trips here; while REDUCING only reducing orders pass
    const alreadyReducing = this.state === 'REDUCING';
    if (this.state === 'ACTIVE') this.checkBreakers();
    if (this.state === 'REDUCING' && !reduces) {
      return { code: alreadyReducing ? 'REDUCING_ONLY' : (this.reason as 'DAILY_LOSS_LIMIT' | 'MAX_DRAWDOWN'), reason: 'reducing only' };
    }
    if (reduces) return null;

    const position = this.holdings.get(info.symbol)?.size ?? 0;
    const workingSame = this.workingLots(info.symbol, side) * info.lotSize;
    const equity = this.equity();
    // 9. spot balances
    if (info.market === 'spot') {
      if (side === 'sell') {
        const freeBaseLots = Math.abs(position) / info.lotSize - this.workingLots(info.symbol, 'sell');
        if (lots > freeBaseLots + LOT_SLACK) return { code: 'INSUFFICIENT_BALANCE', reason: `selling ${size} with ${freeBaseLots * info.lotSize} free` };
      } else {
        let freeCash = this.cashHeld;
        for (const w of this.working) if (w.side === 'buy') freeCash -= (w.lots - w.filledLots) * this.info(w.symbol)!.lotSize * w.price;
        if (exceeds(size * measured, freeCash)) return { code: 'INSUFFICIENT_BALANCE', reason: `buying ${size * measured} with ${freeCash} free` };
      }
    }
    // 10. largest position value
    const positionValue = Math.abs(position + sign(side) * (workingSame + size)) * measured;
    if (exceeds(positionValue, this.limits.maxPositionValue)) return { code: 'MAX_POSITION_SIZE', reason: `${positionValue} over ${this.limits.maxPositionValue}` };
    // 11. gross exposure
    const after = position + sign(side) * size;
    const exposure = this.grossExposure() + (Math.abs(after) - Math.abs(position)) * measured;
    if (exceeds(exposure, this.limits.maxGrossExposure * equity)) return { code: 'INSUFFICIENT_CAPITAL', reason: `${exposure} over ${this.limits.maxGrossExposure} x ${equity}` };
    // 12. risk per trade
    const risk = o.stopPrice !== undefined ? size * Math.abs(measured - o.stopPrice) : size * measured * this.limits.defaultStopPct;
    if (exceeds(risk, this.limits.riskPerTrade * equity)) return { code: 'RISK_PER_TRADE', reason: `${risk} over ${this.limits.riskPerTrade} x ${equity}` };
    // 13. no second position on the same side
    if (this.limits.noDuplicatePosition) {
      const already = !this.isDust(info) && sign(side) * position > 0;
      const wouldBe = workingSame > 0 && sign(side) * (position + sign(side) * workingSame) > 0;
      if (already || wouldBe) return { code: 'DUPLICATE_POSITION', reason: `already ${side === 'buy' ? 'long' : 'short'} ${info.symbol}` };
    }
    return null;
  }

  /** On the opposite side of a non-zero position, and size + working orders on that side ≤ |position|. */
  private reduces(info: SymbolInfo, side: Side, lots: number): boolean {
    const position = this.holdings.get(info.symbol)?.size ?? 0;
    if (position === 0 || sign(side) * position > 0) return false;
    const total = lots + this.workingLots(info.symbol, side);
    return total <= Math.abs(position) / info.lotSize + LOT_SLACK;
  }

  /**
   * The price the order can fill at: the other side of the latest book walked as the matcher would (what
   * earlier orders took ignored), bounded by a limit; what the book cannot fill is priced at the limit, or
   * for a market order at the last level reached. With no level on that side: a market order at the
   * ticker's ask (buy) or bid (sell), a limit order at its limit. null when there is nothing to measure at.
   */
  measuredPrice(symbol: string, side: Side, lots: number, limit: number | undefined): number | null {
    const book = this.books.get(symbol);
    const levels = book ? (side === 'buy' ? book.asks : book.bids) : [];
    if (levels.length === 0) {
      if (limit !== undefined) return limit;
      const ticker = this.tickers.get(symbol);
      if (!ticker) return null;
      return side === 'buy' ? ticker.ask : ticker.bid;
    }
    let left = lots;
    let cost = 0;
    let lastPrice = levels[0].price;
    for (const level of levels) {
      if (left === 0) break;
      if (limit !== undefined && !this.within(side, level.price, limit)) break;
      const take = Math.min(level.lots, left);
      cost += take * level.price;
      left -= take;
      lastPrice = level.price;
    }
    cost += left * (limit ?? lastPrice);
    return cost / lots;
  }

  // ---------------------------------------------------------------- the paper matcher

  /** An accepted order: takes the book at once (taker); a limit order's rest rests at its price. */
  private execute(o: Candidate): ModelOrderResult {
    const id = `m${++this.orderSeq}`;
    const { info, side } = o;
    const lots = Math.round(o.size / info.lotSize);
    const book = this.books.get(info.symbol);
    const levels = book ? (side === 'buy' ? book.asks : book.bids) : [];
    const fills: ModelFill[] = [];
    let left = lots;
    for (const level of levels) {
      if (left === 0) break;
      if (o.type === 'limit' && !this.within(side, level.price, o.price!)) break;
      const take = Math.min(level.lots - level.taken, left);
      if (take <= 0) continue;
      level.taken += take;
      left -= take;
      fills.push(this.applyFill(id, info, side, level.price, take, 'taker'));
    }
    const filledLots = lots - left;
    let status: OrderStatus;
    if (left === 0) status = 'filled';
    else if (o.type === 'limit') {
      status = filledLots > 0 ? 'partially_filled' : 'open';
      this.working.push({ id, seq: this.orderSeq, symbol: info.symbol, side, lots, filledLots, price: o.price! });
    } else status = 'cancelled'; // not enough liquidity: the rest is cancelled
    let value = 0;
    for (const f of fills) value += f.price * f.size;
    const filled = filledLots * info.lotSize;
    return {
      id,
      symbol: info.symbol,
      side,
      type: o.type,
      size: lots * info.lotSize,
      price: o.price,
      filled,
      avgFillPrice: filled > 0 ? value / filled : 0,
      status,
      fills,
    };
  }

  /** The kill switch's market sale of a position rounded down to the lot (what is not locked in working sells). */
  private killSwitchSell(info: SymbolInfo): { fills: ModelFill[]; reason: string } {
    const h = this.holdings.get(info.symbol);
    if (!h || h.size === 0 || this.isDust(info)) return { fills: [], reason: '' };
    const side: Side = h.size > 0 ? 'sell' : 'buy';
    const lots = this.floorLots(Math.abs(h.size), info.lotSize) - this.workingLots(info.symbol, side);
    if (lots <= 0) return { fills: [], reason: 'the rest is in working orders' };
    const book = this.books.get(info.symbol);
    const levels = book ? (side === 'buy' ? book.asks : book.bids) : [];
    const id = `m${++this.orderSeq}`;
    const fills: ModelFill[] = [];
    let left = lots;
    for (const level of levels) {
      if (left === 0) break;
      const take = Math.min(level.lots - level.taken, left);
      if (take <= 0) continue;
      level.taken += take;
      left -= take;
      fills.push(this.applyFill(id, info, side, level.price, take, 'taker'));
    }
    return { fills, reason: left > 0 ? 'not enough liquidity' : '' };
  }

  /** Resting orders of a symbol on one side, in the order they are served: best price, then oldest. */
  private restingOn(symbol: string, side: Side): Working[] {
    return this.working
      .filter((w) => w.symbol === symbol && w.side === side)
      .sort((a, b) => (side === 'buy' ? b.price - a.price : a.price - b.price) || a.seq - b.seq);
  }

  /** Takes up to `lots` from the levels whose price passes, best first; returns what it took. */
  private takeFromBook(levels: Level[], lots: number, passes: (price: number) => boolean): number {
    let taken = 0;
    for (const level of levels) {
      if (taken === lots) break;
      if (!passes(level.price)) break;
      const take = Math.min(level.lots - level.taken, lots - taken);
      if (take <= 0) continue;
      level.taken += take;
      taken += take;
    }
    return taken;
  }

  private fillResting(o: Working, lots: number): ModelFill {
    const info = this.info(o.symbol)!;
    o.filledLots += lots;
    if (o.filledLots >= o.lots) this.working = this.working.filter((w) => w !== o);
    return this.applyFill(o.id, info, o.side, o.price, lots, 'maker');
  }

  // ---------------------------------------------------------------- the account

  /**
   * A fill of `lots` at `price`. A buy pays size × price and receives size base; a sell gives size base
   * and receives size × price. On spot the fee is taken in the asset received (a buy's in base, a sell's
   * in quote); on margin always in quote.
   */
  private applyFill(orderId: string, info: SymbolInfo, side: Side, price: number, lots: number, liquidity: 'maker' | 'taker'): ModelFill {
    const size = lots * info.lotSize;
    const rate = liquidity === 'maker' ? info.makerFee : info.takerFee;
    const h = this.holdingOf(info.symbol);
    if (!this.marks.has(info.symbol)) this.marks.set(info.symbol, price); // before any ticker: the first fill's price
    this.fillCount += 1;

    this.move(h, sign(side) * size, price);
    if (side === 'buy') this.cashHeld -= size * price;
    else this.cashHeld += size * price;

    let fill: ModelFill;
    if (info.market === 'spot' && side === 'buy') {
      const feeAmount = size * rate; // in base, treated as selling that amount at the fill price
      this.move(h, -feeAmount, price);
      fill = { orderId, symbol: info.symbol, side, price, size, fee: feeAmount * price, feeAsset: info.base, feeAmount, liquidity };
    } else {
      const feeAmount = size * price * rate;
      this.cashHeld -= feeAmount;
      fill = { orderId, symbol: info.symbol, side, price, size, fee: feeAmount, feeAsset: info.quote, feeAmount, liquidity };
    }
    h.fees += fill.fee;
    this.fees += fill.fee;
    this.fillLog.push(fill);
    this.checkBreakers();
    return fill;
  }

  /**
   * Moves a position by a signed quantity at a price. Adding keeps a size-weighted average; every unit
   * that leaves realizes (price − avgPrice) × size (mirrored for a short); going through zero opens the
   * rest at the price.
   */
  private move(h: Holding, quantity: number, price: number): void {
    if (quantity === 0) return;
    if (h.size === 0 || Math.sign(h.size) === Math.sign(quantity)) {
      const size = Math.abs(h.size) + Math.abs(quantity);
      h.avgPrice = (Math.abs(h.size) * h.avgPrice + Math.abs(quantity) * price) / size;
      h.size += quantity;
      return;
    }
    const leaving = Math.min(Math.abs(quantity), Math.abs(h.size));
    h.realizedPnl += (price - h.avgPrice) * leaving * Math.sign(h.size);
    const before = h.size;
    h.size += quantity;
    // Float residue of selling all of it (0.5 − 0.125 − 0.375 = −5.55e−17) is nothing held.
    if (Math.abs(h.size) < 1e-12) h.size = 0;
    if (Math.abs(quantity) > Math.abs(before)) h.avgPrice = price;
  }

  private holdingOf(symbol: string): Holding {
    let h = this.holdings.get(symbol);
    if (!h) {
      h = { size: 0, avgPrice: 0, realizedPnl: 0, fees: 0 };
      this.holdings.set(symbol, h);
    }
    return h;
  }

  /** Gross exposure: Σ |position| × mark + Σ unfilled working orders × their price. */
  private grossExposure(): number {
    let gross = 0;
    for (const [symbol, h] of this.holdings) if (h.size !== 0) gross += Math.abs(h.size) * this.markOf(symbol);
    for (const w of this.working) gross += (w.lots - w.filledLots) * this.info(w.symbol)!.lotSize * w.price;
    return gross;
  }

  /**
   * Too small to sell: what can be sold (the size rounded down to the lot) is below minSize, or is worth
   * less than minNotional at the mark.
   */
  private isDust(info: SymbolInfo): boolean {
    const size = Math.abs(this.holdings.get(info.symbol)?.size ?? 0);
    const sellable = this.floorLots(size, info.lotSize) * info.lotSize;
    if (fallsShort(sellable, info.minSize)) return true;
    return info.minNotional > 0 && sellable * this.markOf(info.symbol) < info.minNotional;
  }

  // ---------------------------------------------------------------- trading state

  /** Breakers at every equity change and order: peak equity follows equity; a due breaker trips ACTIVE. */
  private checkBreakers(): void {
    this.peakEquity = Math.max(this.peakEquity, this.equity());
    if (this.state !== 'ACTIVE') return;
    if (this.dailyLossDue()) {
      this.state = 'REDUCING';
      this.reason = 'DAILY_LOSS_LIMIT';
    } else if (this.drawdownDue()) {
      this.state = 'REDUCING';
      this.reason = 'MAX_DRAWDOWN';
    }
  }

  private dailyLossDue(): boolean {
    const loss = (this.dayStartEquity - this.equity()) / this.dayStartEquity;
    return reaches(loss, this.limits.dailyLossLimit);
  }

  private drawdownDue(): boolean {
    const drawdown = (this.peakEquity - this.equity()) / this.peakEquity;
    return reaches(drawdown, this.limits.maxDrawdown);
  }

  /** A new UTC day starts from the equity it opens with. */
  private rollDay(): void {
    const today = utcDay(this.clock);
    if (today !== this.day) {
      this.day = today;
      this.dayStartEquity = this.equity();
    }
  }

  // ---------------------------------------------------------------- helpers

  private info(symbol: string): SymbolInfo | undefined {
    return this.symbols.find((s) => s.symbol === symbol);
  }

  private markOf(symbol: string): number {
    return this.marks.get(symbol) ?? 0;
  }

  private floorLots(size: number, lot: number): number {
    return Math.floor(size / lot + LOT_SLACK);
  }

  private workingLots(symbol: string, side: Side): number {
    let lots = 0;
    for (const w of this.working) if (w.symbol === symbol && w.side === side) lots += w.lots - w.filledLots;
    return lots;
  }

  /** A buy takes asks at or below its limit, a sell bids at or above. */
  private within(side: Side, levelPrice: number, limit: number): boolean {
    return side === 'buy' ? levelPrice <= limit : levelPrice >= limit;
  }
}
