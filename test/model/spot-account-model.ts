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
// - Conditional orders (stops, take-profits, trailing stops, bracket exits) are held by the model, as the
//   paper desk holds them, until a price fires them; only then do they reach the matcher.
import type { KillSwitchReport } from '../../src/shared/contract.ts';
import type { BookLevel, SymbolInfo } from '../../src/shared/market.ts';
import type { DenialCode, RiskLimits, TradingState } from '../../src/shared/risk.ts';
import type { BracketExits, ExitLeg, OrderStatus, OrderType, Side, TimeInForce, TrailingTerms } from '../../src/shared/trading.ts';

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
  /** A stop's or take-profit's trigger; a trailing stop's once armed. */
  triggerPrice?: number;
  ocoGroup?: string;
  /** Filled when it arrived (taker). */
  filled: number;
  avgFillPrice: number;
  /**
   * filled; open / partially_filled (resting, or a conditional order held until it fires); cancelled (a
   * market order the book could not fill, the rest of an IOC, an FOK the book could not fill whole); or
   * rejected (a post-only order that would have taken).
   */
  status: OrderStatus;
  fills: ModelFill[];
}

export type PlaceOutcome =
  | { ok: true; order: ModelOrderResult }
  | { ok: false; code: RefusalCode; reason: string };

export type CloseOutcome =
  | { ok: true; order: ModelOrderResult | null }
  | { ok: false; code: RefusalCode; reason: string };

/** The exits placed, in the order stop-loss, trailing stop, take-profit. */
export type ProtectOutcome =
  | { ok: true; orders: ModelOrderResult[] }
  | { ok: false; code: RefusalCode; reason: string };

export type AmendOutcome =
  | { ok: true; order: ModelWorkingOrder }
  | { ok: false; code: RefusalCode | 'NOT_FOUND'; reason: string };

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
  type: OrderType;
  size: number;
  filled: number;
  /**
   * The limit price. An exit held without one is measured at its trigger (a trailing stop not armed yet:
   * at the trigger its activation price would give).
   */
  price: number;
  /** Where a stop or take-profit fires; a trailing stop's current trigger once armed. */
  triggerPrice?: number;
  ocoGroup?: string;
  /** A bracket exit's entry. */
  parentId?: string;
  /** A bracket entry's exits. */
  exits?: BracketExits;
  /** Held by the desk until it goes out: 'armed', or 'fired' by a print and waiting for the next book; null at the matcher. */
  held: 'armed' | 'fired' | null;
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
function opposite(side: Side): Side {
  return side === 'buy' ? 'sell' : 'buy';
}

// ---------------------------------------------------------------- order kinds

const ORDER_TYPES: readonly OrderType[] = ['market', 'limit', 'stop_market', 'stop_limit', 'take_profit_market', 'take_profit_limit', 'trailing_stop'];
/** The kinds that take a limit `price`. */
const LIMIT_PRICED: readonly OrderType[] = ['limit', 'stop_limit', 'take_profit_limit'];
/** The kinds that take a `triggerPrice`. */
const TRIGGERED: readonly OrderType[] = ['stop_market', 'stop_limit', 'take_profit_market', 'take_profit_limit'];

function conditional(type: OrderType): boolean {
  return type !== 'market' && type !== 'limit';
}

/**
 * A sell stop or trailing stop and a buy take-profit fire when the price falls to the trigger; a buy stop
 * or trailing stop and a sell take-profit when it rises to it.
 */
function firesOnFall(side: Side, type: OrderType): boolean {
  const takeProfit = type === 'take_profit_market' || type === 'take_profit_limit';
  return (side === 'sell') !== takeProfit;
}

/** A trailing stop's trigger behind `best`: below it for a sell, above it for a buy. */
function trailingTrigger(terms: TrailingTerms, side: Side, best: number): number {
  const distance = terms.unit === 'amount' ? terms.distance : (best * terms.distance) / 100;
  return side === 'sell' ? best - distance : best + distance;
}

/** An entry's (or a protected position's) exits as conditional orders: stop-loss, trailing stop, take-profit. */
function exitOrders(exits: BracketExits): Array<{ suffix: string; type: OrderType; triggerPrice?: number; price?: number; trailing?: TrailingTerms }> {
  const { stopLoss, trailingStop, takeProfit } = exits;
  const orders: ReturnType<typeof exitOrders> = [];
  if (stopLoss) orders.push({ suffix: 'sl', type: stopLoss.price === undefined ? 'stop_market' : 'stop_limit', ...stopLoss });
  if (trailingStop) orders.push({ suffix: 'ts', type: 'trailing_stop', trailing: trailingStop });
  if (takeProfit) orders.push({ suffix: 'tp', type: takeProfit.price === undefined ? 'take_profit_market' : 'take_profit_limit', ...takeProfit });
  return orders;
}

// ---------------------------------------------------------------- the contract's payload checks

function isNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
function isPrice(v: unknown): boolean {
  return isNumber(v) && v > 0 && v <= 1e12;
}
function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function unknownKey(p: Record<string, unknown>, allowed: readonly string[]): string | undefined {
  return Object.keys(p).find((key) => !allowed.includes(key));
}

function legProblem(v: unknown): string | null {
  if (!isRecord(v) || unknownKey(v, ['triggerPrice', 'price']) !== undefined) return 'an exit is {triggerPrice, price?}';
  if (!isPrice(v.triggerPrice) || (v.price !== undefined && !isPrice(v.price))) return 'an exit price';
  return null;
}

function trailingProblem(v: unknown): string | null {
  if (!isRecord(v) || unknownKey(v, ['distance', 'unit', 'activationPrice']) !== undefined) return 'trailing terms are {distance, unit, activationPrice?}';
  if (!isNumber(v.distance) || v.distance <= 0 || v.distance > 1e12) return 'trailing distance';
  if (v.unit !== 'amount' && v.unit !== 'percent') return 'trailing unit';
  if (v.unit === 'percent' && v.distance >= 100) return 'a trailing distance in percent must be below 100';
  if (v.activationPrice !== undefined && !isPrice(v.activationPrice)) return 'activation price';
  return null;
}

/** `stopLoss`, `takeProfit`, `trailingStop`: each well formed, and not both a stop-loss and a trailing stop. */
function exitsProblem(p: Record<string, unknown>): string | null {
  for (const key of ['stopLoss', 'takeProfit'] as const) {
    const problem = p[key] === undefined ? null : legProblem(p[key]);
    if (problem) return `${key}: ${problem}`;
  }
  const problem = p.trailingStop === undefined ? null : trailingProblem(p.trailingStop);
  if (problem) return `trailingStop: ${problem}`;
  if (p.stopLoss !== undefined && p.trailingStop !== undefined) return 'a stop-loss or a trailing stop, not both';
  return null;
}

function hasExits(p: { stopLoss?: unknown; takeProfit?: unknown; trailingStop?: unknown }): boolean {
  return p.stopLoss !== undefined || p.takeProfit !== undefined || p.trailingStop !== undefined;
}

/** Step 1 for `order.place`: the contract's own checks. */
function placeProblem(p: Record<string, unknown>): string | null {
  const key = unknownKey(p, ['symbol', 'side', 'type', 'size', 'price', 'triggerPrice', 'trailing', 'timeInForce', 'postOnly', 'reduceOnly', 'stopLoss', 'takeProfit', 'trailingStop']);
  if (key !== undefined) return `unknown key ${key}`;
  if (typeof p.symbol !== 'string' || p.symbol.length < 1 || p.symbol.length > 32) return 'symbol';
  if (p.side !== 'buy' && p.side !== 'sell') return 'side';
  if (!ORDER_TYPES.includes(p.type as OrderType)) return 'type';
  const type = p.type as OrderType;
  if (!isNumber(p.size) || p.size <= 0 || p.size > 1e9) return 'size';
  for (const key of ['price', 'triggerPrice'] as const) if (p[key] !== undefined && !isPrice(p[key])) return key;
  const trailing = p.trailing === undefined ? null : trailingProblem(p.trailing);
  if (trailing) return `trailing: ${trailing}`;
  if (p.timeInForce !== undefined && !['GTC', 'IOC', 'FOK'].includes(p.timeInForce as string)) return 'timeInForce';
  for (const key of ['postOnly', 'reduceOnly'] as const) if (p[key] !== undefined && typeof p[key] !== 'boolean') return key;
  const exits = exitsProblem(p);
  if (exits) return exits;
  if (LIMIT_PRICED.includes(type) !== (p.price !== undefined)) return 'a price on exactly limit, stop_limit and take_profit_limit';
  if (TRIGGERED.includes(type) !== (p.triggerPrice !== undefined)) return 'a triggerPrice on exactly the stop and take-profit kinds';
  if ((type === 'trailing_stop') !== (p.trailing !== undefined)) return 'trailing terms on exactly trailing_stop';
  if (p.timeInForce !== undefined && type !== 'limit') return 'time in force on a limit order only';
  if (p.postOnly === true && !(type === 'limit' && (p.timeInForce ?? 'GTC') === 'GTC')) return 'post-only on a GTC limit order only';
  if (hasExits(p) && ((type !== 'market' && type !== 'limit') || p.reduceOnly === true)) return 'exits on a market or limit entry that is not reduce-only';
  return null;
}

/** Step 1 for `position.protect`. */
function protectProblem(p: Record<string, unknown>): string | null {
  const key = unknownKey(p, ['symbol', 'size', 'stopLoss', 'takeProfit', 'trailingStop']);
  if (key !== undefined) return `unknown key ${key}`;
  if (typeof p.symbol !== 'string' || p.symbol.length < 1 || p.symbol.length > 32) return 'symbol';
  if (p.size !== undefined && (!isNumber(p.size) || p.size <= 0 || p.size > 1e9)) return 'size';
  if (!hasExits(p)) return 'give a stopLoss, a takeProfit or a trailingStop';
  return exitsProblem(p);
}

/** Step 1 for `order.amend`. */
function amendProblem(p: Record<string, unknown>): string | null {
  const key = unknownKey(p, ['clientOrderId', 'triggerPrice', 'price']);
  if (key !== undefined) return `unknown key ${key}`;
  if (typeof p.clientOrderId !== 'string' || p.clientOrderId.length < 1 || p.clientOrderId.length > 64) return 'clientOrderId';
  for (const key of ['price', 'triggerPrice'] as const) if (p[key] !== undefined && !isPrice(p[key])) return key;
  if (p.triggerPrice === undefined && p.price === undefined) return 'give a triggerPrice or a price';
  return null;
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

/** An order at the matcher, resting at its limit. */
interface Working {
  id: string;
  /** Time priority. */
  seq: number;
  symbol: string;
  side: Side;
  /** limit, or the _limit kind of an exit that fired. */
  type: OrderType;
  lots: number;
  filledLots: number;
  price: number;
  /** The exit it was, for one that fired: its trigger, group and entry are still the order's. */
  exit?: Exit;
}

/** A conditional order the desk holds until a price fires it. */
interface Exit {
  id: string;
  /** Placement order: the first placed of an OCO group wins. */
  seq: number;
  symbol: string;
  side: Side;
  type: OrderType;
  lots: number;
  /** The limit it goes out at (the _limit kinds). */
  price?: number;
  /** Where it fires; a trailing stop has one only once armed. */
  triggerPrice?: number;
  trailing?: TrailingTerms;
  /** A trailing stop's best price since it was armed: the highest for a sell, the lowest for a buy. */
  best?: number;
  reduceOnly: boolean;
  ocoGroup?: string;
  /** The bracket entry whose exit it is. */
  parentId?: string;
  /** Fired by a print: it goes out with the symbol's next book, in this order. */
  firedSeq?: number;
}

/** An entry with exits: what its fills brought in, and its exits once its first fill armed them. */
interface Bracket {
  id: string;
  symbol: string;
  side: Side;
  /** Base its fills brought in: their size less the fees taken in base (a spot buy's). */
  broughtIn: number;
  exits: BracketExits;
  legs: Exit[];
}

/** An order that has passed the payload checks, on its way through risk. */
interface Candidate {
  info: SymbolInfo;
  side: Side;
  type: OrderType;
  size: number;
  /** The limit price (limit, stop_limit, take_profit_limit). */
  price?: number;
  triggerPrice?: number;
  trailing?: TrailingTerms;
  timeInForce: TimeInForce;
  postOnly: boolean;
  reduceOnly: boolean;
  exits: BracketExits;
  /** From the ticket or Close (not a strategy). */
  fromTrader: boolean;
}

/** An order as the matcher takes it. */
interface Taking {
  id: string;
  info: SymbolInfo;
  side: Side;
  type: OrderType;
  lots: number;
  /** A limit order's price; none for a market order. */
  limit?: number;
  timeInForce: TimeInForce;
  postOnly: boolean;
  /** The exit it is, for one that fired. */
  exit?: Exit;
}

function marketOrder(info: SymbolInfo, side: Side, size: number): Candidate {
  return { info, side, type: 'market', size, timeInForce: 'GTC', postOnly: false, reduceOnly: false, exits: {}, fromTrader: true };
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
  private exits: Exit[] = [];
  /** Entries with exits, by id. */
  private brackets = new Map<string, Bracket>();
  private orderSeq = 0;
  /** Time priority of resting orders and placement order of exits. */
  private seq = 0;
  private fireSeq = 0;

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

  /** Orders at the matcher, then the exits the desk holds, each in the order placed. */
  openOrders(): ModelWorkingOrder[] {
    const resting = this.working.map((w): ModelWorkingOrder => {
      const lot = this.info(w.symbol)!.lotSize;
      const { id, symbol, side, type, price } = w;
      const { triggerPrice, ocoGroup, parentId } = w.exit ?? {};
      const exits = this.brackets.get(id)?.exits;
      return { id, symbol, side, type, size: w.lots * lot, filled: w.filledLots * lot, price, triggerPrice, ocoGroup, parentId, exits, held: null };
    });
    const held = this.exits.map((e): ModelWorkingOrder => {
      const { id, symbol, side, type, triggerPrice, ocoGroup, parentId } = e;
      const price = e.price ?? triggerPrice ?? trailingTrigger(e.trailing!, side, e.trailing!.activationPrice!);
      const size = e.lots * this.info(symbol)!.lotSize;
      return { id, symbol, side, type, size, filled: 0, price, triggerPrice, ocoGroup, parentId, held: e.firedSeq === undefined ? 'armed' : 'fired' };
    });
    return [...resting, ...held];
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
    // Exits a print fired go out with this book, in the order they fired. Then the book's touch on each
    // exit's own side is a price it sees, and what that fires goes out at once, against this book.
    const fired = this.exitsOf(symbol).filter((e) => e.firedSeq !== undefined);
    for (const e of fired.sort((a, b) => a.firedSeq! - b.firedSeq!)) fills.push(...this.send(e));
    for (const e of this.exitsOf(symbol)) {
      const touch = (e.side === 'sell' ? bids : asks)[0]?.[0];
      if (touch === undefined || !this.waiting(e) || !this.sees(e, touch)) continue;
      this.fire(e);
      fills.push(...this.send(e));
    }
    // The kill switch sells what it could not sell before, one market order per snapshot (after the exits,
    // which went out at once: it sells what the trader's working sells leave).
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

  /**
   * A public print: resting orders at or through its price fill at their own price, sharing its lots. Its
   * price is then a price every exit of the symbol sees; what it fires goes out with the next book.
   */
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
    for (const e of this.exitsOf(symbol)) if (this.waiting(e) && this.sees(e, price)) this.fire(e);
    return fills;
  }

  // ---------------------------------------------------------------- commands

  /** `order.place` from the ticket: the raw payload, exactly as sent to the desk. */
  placeOrder(payload: Record<string, unknown>): PlaceOutcome {
    this.rollDay();
    const invalid = placeProblem(payload);
    if (invalid) return { ok: false, code: 'INVALID_PAYLOAD', reason: invalid };
    const info = this.info(payload.symbol as string);
    if (!info) return { ok: false, code: 'UNKNOWN_SYMBOL', reason: `unknown symbol ${String(payload.symbol)}` };
    const candidate: Candidate = {
      info,
      side: payload.side as Side,
      type: payload.type as OrderType,
      size: payload.size as number,
      price: payload.price as number | undefined,
      triggerPrice: payload.triggerPrice as number | undefined,
      trailing: payload.trailing as TrailingTerms | undefined,
      timeInForce: (payload.timeInForce as TimeInForce | undefined) ?? 'GTC',
      postOnly: payload.postOnly === true,
      reduceOnly: payload.reduceOnly === true,
      exits: { stopLoss: payload.stopLoss as ExitLeg | undefined, takeProfit: payload.takeProfit as ExitLeg | undefined, trailingStop: payload.trailingStop as TrailingTerms | undefined },
      fromTrader: true,
    };
    const refusal = this.refusal(candidate);
    if (refusal) return { ok: false, ...refusal };
    return { ok: true, order: this.execute(candidate) };
  }

  /**
   * `position.protect`: reduce-only exits on the side that reduces the position, for `size` or the position
   * rounded down to the lot, each checked like `order.place` and refused whole; two are one OCO group, named
   * after the first.
   */
  protectPosition(payload: Record<string, unknown>): ProtectOutcome {
    this.rollDay();
    const invalid = protectProblem(payload);
    if (invalid) return { ok: false, code: 'INVALID_PAYLOAD', reason: invalid };
    const info = this.info(payload.symbol as string);
    if (!info) return { ok: false, code: 'UNKNOWN_SYMBOL', reason: `unknown symbol ${String(payload.symbol)}` };
    const position = this.holdings.get(info.symbol)?.size ?? 0;
    if (position === 0 || this.isDust(info)) return { ok: false, code: 'INVALID_ORDER', reason: `no ${info.symbol} position to protect` };
    const side: Side = position > 0 ? 'sell' : 'buy';
    const size = (payload.size as number | undefined) ?? this.floorLots(Math.abs(position), info.lotSize) * info.lotSize;
    const legs = exitOrders(payload as BracketExits).map(({ type, triggerPrice, price, trailing }): Candidate => ({
      ...marketOrder(info, side, size),
      type,
      triggerPrice,
      price,
      trailing,
      reduceOnly: true,
    }));
    for (const leg of legs) {
      const refusal = this.refusal(leg);
      if (refusal) return { ok: false, ...refusal };
    }
    const orders = legs.map((leg) => this.execute(leg));
    if (orders.length === 2) {
      for (const order of orders) {
        order.ocoGroup = orders[0].id;
        this.exits.find((e) => e.id === order.id)!.ocoGroup = orders[0].id;
      }
    }
    return { ok: true, orders };
  }

  /**
   * `order.amend`: an armed exit the desk holds takes a new trigger or limit, with the grid and fire-at-once
   * checks of placing it: the exit as moved is checked, so a new limit alone is refused too when the trigger
   * it keeps would fire at once at the touch. A trailing stop's trigger follows the price and cannot be moved.
   */
  amendOrder(payload: Record<string, unknown>): AmendOutcome {
    this.rollDay();
    const invalid = amendProblem(payload);
    if (invalid) return { ok: false, code: 'INVALID_PAYLOAD', reason: invalid };
    const id = payload.clientOrderId as string;
    const { triggerPrice, price } = payload as { triggerPrice?: number; price?: number };
    if (!this.openOrders().some((o) => o.id === id)) return { ok: false, code: 'NOT_FOUND', reason: `no working order ${id}` };
    const e = this.exits.find((x) => x.id === id && this.waiting(x));
    if (!e) return { ok: false, code: 'INVALID_ORDER', reason: `${id} is not an armed exit` };
    if (triggerPrice !== undefined && e.trailing) return { ok: false, code: 'INVALID_ORDER', reason: "a trailing stop's trigger cannot be moved" };
    if (price !== undefined && e.price === undefined) return { ok: false, code: 'INVALID_ORDER', reason: `${id} has no limit price` };
    const tick = this.info(e.symbol)!.tickSize;
    for (const p of [triggerPrice, price]) if (p !== undefined && !onGrid(p, tick)) return { ok: false, code: 'INVALID_ORDER', reason: `${p} is off the tick ${tick}` };
    // The exit as moved passes the checks of placing it: its trigger, new or kept, must not fire at once at
    // the touch (an exit armed by a print's fill can wait with its trigger already through the book's touch).
    const trigger = triggerPrice ?? e.triggerPrice!;
    const touch = this.touch(e.symbol, e.side);
    if (touch === undefined) return { ok: false, code: 'NO_PRICE', reason: `no book and no ticker for ${e.symbol}` };
    if (this.wouldFire(e.side, e.type, trigger, touch)) return { ok: false, code: 'INVALID_ORDER', reason: `a trigger at ${trigger} would fire at once at ${touch}` };
    e.triggerPrice = trigger;
    if (price !== undefined) e.price = price;
    return { ok: true, order: this.openOrders().find((o) => o.id === id)! };
  }

  /** Cancels a working order or an exit the desk holds. */
  cancel(id: string): { ok: true; order: ModelWorkingOrder } | { ok: false; code: 'NOT_FOUND' } {
    this.rollDay();
    const order = this.openOrders().find((o) => o.id === id);
    if (!order) return { ok: false, code: 'NOT_FOUND' };
    this.working = this.working.filter((w) => w.id !== id);
    this.exits = this.exits.filter((e) => e.id !== id);
    return { ok: true, order };
  }

  cancelAll(): { cancelled: number } {
    this.rollDay();
    const cancelled = this.working.length + this.exits.length;
    this.working = [];
    this.exits = [];
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
    const candidate = marketOrder(info, h.size > 0 ? 'sell' : 'buy', lots * info.lotSize);
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

  killSwitch(): Omit<KillSwitchReport, 'strategiesStopped'> {
    this.rollDay();
    this.state = 'HALTED';
    this.reason = 'KILL_SWITCH';
    const cancelled = this.working.length + this.exits.length;
    this.working = [];
    this.exits = [];
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
    if (this.paper && this.capitalSetting !== this.accountCapital && this.fillCount === 0 && this.working.length === 0 && this.exits.length === 0) {
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
    this.exits = [];
    this.brackets.clear();
    this.state = 'ACTIVE';
    this.reason = null;
    this.killSwitchPending = false;
    this.peakEquity = this.capitalSetting;
    this.dayStartEquity = this.capitalSetting;
  }

  /**
   * The desk stops and starts on the same journal: the account, working orders, the exits it holds (with
   * their trailed triggers), trading state and marks stay; the market data (books, tickers and their times)
   * starts afresh with the new feed.
   */
  restart(): void {
    this.books.clear();
    this.tickers.clear();
    this.lastData.clear();
  }

  // ---------------------------------------------------------------- the refusal list

  /** Steps 3–13 of the spec, first code that applies. */
  private refusal(o: Candidate): Refusal | null {
    const { info, side, size } = o;
    const lots = Math.round(size / info.lotSize);
    // 3. the grid and the minimum size
    if (!onGrid(size, info.lotSize)) return { code: 'INVALID_ORDER', reason: `size ${size} is not a multiple of the lot ${info.lotSize}` };
    if (fallsShort(size, info.minSize)) return { code: 'INVALID_ORDER', reason: `size ${size} is below the minimum ${info.minSize}` };
    if (o.price !== undefined && !onGrid(o.price, info.tickSize)) return { code: 'INVALID_ORDER', reason: `price ${o.price} is off the tick ${info.tickSize}` };
    // 4. halted: only the trader's reducing orders
    const reduces = this.reduces(info, side, lots);
    if (this.state === 'HALTED' && !(o.fromTrader && reduces)) return { code: 'TRADING_HALTED', reason: 'trading is halted' };
    // 5. a price to measure the order at; a conditional order is measured at its own prices, but needs the
    // touch to tell whether it would fire at once
    const touch = this.touch(info.symbol, side);
    const measured = !conditional(o.type)
      ? this.measuredPrice(info.symbol, side, lots, o.type === 'limit' ? o.price : undefined)
      : touch === undefined
        ? null
        : (o.price ?? o.triggerPrice ?? trailingTrigger(o.trailing!, side, o.trailing!.activationPrice ?? touch));
    if (measured === null) return { code: 'NO_PRICE', reason: `no book and no ticker for ${info.symbol}` };
    // 6. minimum value, the triggers and exits, reduce-only
    if (info.minNotional > 0 && fallsShort(size * measured, info.minNotional)) return { code: 'INVALID_ORDER', reason: `value ${size * measured} below ${info.minNotional}` };
    const invalid = (conditional(o.type) ? this.triggerProblem(o, touch!) : null) ?? this.exitProblem(o, measured);
    if (invalid) return { code: 'INVALID_ORDER', reason: invalid };
    if (o.reduceOnly && !reduces) return { code: 'INVALID_ORDER', reason: `a reduce-only ${side} of ${size} would not reduce the position` };
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
        for (const w of this.workingOrders()) if (w.side === 'buy') freeCash -= w.lots * this.info(w.symbol)!.lotSize * w.price;
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
    const stop = this.stopOf(o, measured);
    const risk = stop !== undefined ? size * Math.abs(measured - stop) : size * measured * this.limits.defaultStopPct;
    if (exceeds(risk, this.limits.riskPerTrade * equity)) return { code: 'RISK_PER_TRADE', reason: `${risk} over ${this.limits.riskPerTrade} x ${equity}` };
    // 13. no second position on the same side
    if (this.limits.noDuplicatePosition) {
      const already = !this.isDust(info) && sign(side) * position > 0;
      const wouldBe = workingSame > 0 && sign(side) * (position + sign(side) * workingSame) > 0;
      if (already || wouldBe) return { code: 'DUPLICATE_POSITION', reason: `already ${side === 'buy' ? 'long' : 'short'} ${info.symbol}` };
    }
    return null;
  }

  /** Rule 6 for a stop, take-profit or trailing stop. */
  private triggerProblem(o: Candidate, touch: number): string | null {
    const tick = o.info.tickSize;
    for (const p of [o.triggerPrice, o.trailing?.activationPrice]) if (p !== undefined && !onGrid(p, tick)) return `${p} is off the tick ${tick}`;
    if (o.trailing?.unit === 'amount' && o.trailing.distance >= touch) return `a trailing distance of ${o.trailing.distance} is not below the touch ${touch}`;
    if (o.triggerPrice !== undefined && this.wouldFire(o.side, o.type, o.triggerPrice, touch)) return `a trigger at ${o.triggerPrice} would fire at once at ${touch}`;
    return null;
  }

  /** A trigger that the touch already fires: a fall-trigger not below it by more than a relative 1e-12, a rise-trigger not above it. */
  private wouldFire(side: Side, type: OrderType, trigger: number, touch: number): boolean {
    return firesOnFall(side, type) ? !(trigger < touch * (1 - LIMIT_SLACK)) : !(trigger > touch * (1 + LIMIT_SLACK));
  }

  /**
   * Rule 6 for an entry's exits: their prices on the tick grid, the stop-loss beyond the measured price on
   * the losing side and the take-profit on the winning side (by more than a relative 1e-12: an average can
   * compute a hair off a single price), a trailing amount below the measured price.
   */
  private exitProblem(o: Candidate, measured: number): string | null {
    const { stopLoss, takeProfit, trailingStop } = o.exits;
    const tick = o.info.tickSize;
    for (const p of [stopLoss?.triggerPrice, stopLoss?.price, takeProfit?.triggerPrice, takeProfit?.price, trailingStop?.activationPrice]) {
      if (p !== undefined && !onGrid(p, tick)) return `${p} is off the tick ${tick}`;
    }
    const below = (p: number): boolean => p < measured * (1 - LIMIT_SLACK);
    const above = (p: number): boolean => p > measured * (1 + LIMIT_SLACK);
    const losing = o.side === 'buy' ? below : above;
    const winning = o.side === 'buy' ? above : below;
    if (stopLoss && !losing(stopLoss.triggerPrice)) return `stop-loss ${stopLoss.triggerPrice} is on the wrong side of ${measured}`;
    if (takeProfit && !winning(takeProfit.triggerPrice)) return `take-profit ${takeProfit.triggerPrice} is on the wrong side of ${measured}`;
    if (trailingStop?.unit === 'amount' && trailingStop.distance >= measured) return `a trailing distance of ${trailingStop.distance} is not below ${measured}`;
    return null;
  }

  /**
   * Rule 12's stop: the entry's stop-loss (the lower of its trigger and limit for a buy, the higher for a
   * sell), or where a trailing stop armed at once would be; none otherwise.
   */
  private stopOf(o: Candidate, measured: number): number | undefined {
    const { stopLoss, trailingStop } = o.exits;
    if (stopLoss) {
      const prices = [stopLoss.triggerPrice, stopLoss.price ?? stopLoss.triggerPrice];
      return o.side === 'buy' ? Math.min(...prices) : Math.max(...prices);
    }
    if (trailingStop && trailingStop.activationPrice === undefined) return trailingTrigger(trailingStop, opposite(o.side), measured);
    return undefined;
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

  /**
   * An accepted order. A conditional one is held until a price fires it; any other goes to the matcher at
   * once, an entry with exits arming them as it fills.
   */
  private execute(o: Candidate): ModelOrderResult {
    const id = `m${++this.orderSeq}`;
    const { info, side, type, price } = o;
    const lots = Math.round(o.size / info.lotSize);
    const order = { id, symbol: info.symbol, side, type, size: lots * info.lotSize, price };
    if (conditional(type)) {
      const { triggerPrice, trailing, reduceOnly } = o;
      const held = this.hold({ id, symbol: info.symbol, side, type, lots, price, triggerPrice, trailing, reduceOnly }, this.touch(info.symbol, side)!);
      return { ...order, triggerPrice: held.triggerPrice, filled: 0, avgFillPrice: 0, status: 'open', fills: [] };
    }
    if (hasExits(o.exits)) this.brackets.set(id, { id, symbol: info.symbol, side, broughtIn: 0, exits: o.exits, legs: [] });
    const { fills, filledLots, status } = this.match({ id, info, side, type, lots, limit: price, timeInForce: o.timeInForce, postOnly: o.postOnly });
    let value = 0;
    for (const f of fills) value += f.price * f.size;
    const filled = filledLots * info.lotSize;
    return { ...order, filled, avgFillPrice: filled > 0 ? value / filled : 0, status, fills };
  }

  /**
   * The matcher: the order takes the book at once (taker), best level first, up to its limit. A post-only
   * order that would take anything is rejected and an FOK the book cannot fill whole is cancelled, both
   * with nothing filled; what a GTC limit does not take rests at its price; the rest of anything else is
   * cancelled (a market order the book could not fill, an IOC).
   */
  private match(o: Taking): { fills: ModelFill[]; filledLots: number; status: OrderStatus } {
    const book = this.books.get(o.info.symbol);
    const all = book ? (o.side === 'buy' ? book.asks : book.bids) : [];
    const end = all.findIndex((level) => o.limit !== undefined && !this.within(o.side, level.price, o.limit));
    const levels = end === -1 ? all : all.slice(0, end);
    let available = 0;
    for (const level of levels) available += level.lots - level.taken;
    if (o.postOnly && available > 0) return { fills: [], filledLots: 0, status: 'rejected' };
    if (o.timeInForce === 'FOK' && available < o.lots) return { fills: [], filledLots: 0, status: 'cancelled' };
    const fills: ModelFill[] = [];
    let left = o.lots;
    for (const level of levels) {
      const take = Math.min(level.lots - level.taken, left);
      if (take <= 0) continue;
      level.taken += take;
      left -= take;
      fills.push(this.applyFill(o.id, o.info, o.side, level.price, take, 'taker'));
    }
    const filledLots = o.lots - left;
    if (left === 0) return { fills, filledLots, status: 'filled' };
    if (o.limit === undefined || o.timeInForce !== 'GTC') return { fills, filledLots, status: 'cancelled' };
    const { id, side, type, limit, exit } = o;
    this.working.push({ id, seq: ++this.seq, symbol: o.info.symbol, side, type, lots: o.lots, filledLots, price: limit, exit });
    return { fills, filledLots, status: filledLots > 0 ? 'partially_filled' : 'open' };
  }

  /** The kill switch's market sale of a position rounded down to the lot (what is not locked in working sells). */
  private killSwitchSell(info: SymbolInfo): { fills: ModelFill[]; reason: string } {
    const h = this.holdings.get(info.symbol);
    if (!h || h.size === 0 || this.isDust(info)) return { fills: [], reason: '' };
    const side: Side = h.size > 0 ? 'sell' : 'buy';
    const lots = this.floorLots(Math.abs(h.size), info.lotSize) - this.workingLots(info.symbol, side);
    if (lots <= 0) return { fills: [], reason: 'the rest is in working orders' };
    const { fills, status } = this.match({ id: `m${++this.orderSeq}`, info, side, type: 'market', lots, timeInForce: 'GTC', postOnly: false });
    return { fills, reason: status === 'filled' ? '' : 'not enough liquidity' };
  }

  // ---------------------------------------------------------------- exits the desk holds

  /** Holds a conditional order; a trailing stop without an activation price is armed at once at `touch`. */
  private hold(e: Omit<Exit, 'seq'>, touch: number): Exit {
    const exit: Exit = { ...e, seq: ++this.seq };
    if (exit.trailing && exit.trailing.activationPrice === undefined) this.trail(exit, touch);
    this.exits.push(exit);
    return exit;
  }

  /** The symbol's exits in the order placed (a copy: seeing a price can cancel some). */
  private exitsOf(symbol: string): Exit[] {
    return this.exits.filter((e) => e.symbol === symbol);
  }

  /** Still held and not fired. */
  private waiting(e: Exit): boolean {
    return e.firedSeq === undefined && this.exits.includes(e);
  }

  /**
   * A price the exit sees: true when it fires it. Otherwise a trailing stop not armed yet arms when the
   * price reaches its activation price, and an armed one trails to a better price.
   */
  private sees(e: Exit, price: number): boolean {
    const t = e.trailing;
    if (t && e.best === undefined) {
      if (e.side === 'sell' ? price >= t.activationPrice! : price <= t.activationPrice!) this.trail(e, price);
      return false;
    }
    if (firesOnFall(e.side, e.type) ? price <= e.triggerPrice! : price >= e.triggerPrice!) return true;
    if (t && (e.side === 'sell' ? price > e.best! : price < e.best!)) this.trail(e, price);
    return false;
  }

  private trail(e: Exit, best: number): void {
    e.best = best;
    e.triggerPrice = trailingTrigger(e.trailing!, e.side, best);
  }

  /**
   * An exit fires: the others of its OCO group are cancelled before anything else, and so is what is left
   * of its bracket's entry. It stays held until it goes out (`send`).
   */
  private fire(e: Exit): void {
    e.firedSeq = ++this.fireSeq;
    if (e.ocoGroup !== undefined) this.exits = this.exits.filter((x) => x === e || x.ocoGroup !== e.ocoGroup);
    if (e.parentId !== undefined) this.working = this.working.filter((w) => w.id !== e.parentId);
  }

  /**
   * A fired exit goes out against the symbol's book: a market order, or a limit at its price for the
   * _limit kinds. A reduce-only exit is sized down to the position it reduces, rounded down to the lot, less
   * the unfilled working orders on its side as "Reduces" counts them (`workingOrders`: what a resting sell,
   * a stop that is not reduce-only or another exit a print fired will sell is not there to sell twice, and a
   * spot position never goes below zero), and cancelled when that is below minSize. One that is not
   * reduce-only is cancelled unless ACTIVE.
   */
  private send(e: Exit): ModelFill[] {
    this.exits = this.exits.filter((x) => x !== e);
    const info = this.info(e.symbol)!;
    let lots = e.lots;
    if (e.reduceOnly) lots = Math.min(lots, this.floorLots(this.reducible(e.symbol, e.side), info.lotSize) - this.workingLots(e.symbol, e.side));
    else if (this.state !== 'ACTIVE') return [];
    if (lots <= 0 || fallsShort(lots * info.lotSize, info.minSize)) return [];
    return this.match({ id: e.id, info, side: e.side, type: e.type, lots, limit: e.price, timeInForce: 'GTC', postOnly: false, exit: e }).fills;
  }

  /** What an order on `side` can reduce: a long for a sell, a short for a buy. */
  private reducible(symbol: string, side: Side): number {
    return Math.max(0, -sign(side) * (this.holdings.get(symbol)?.size ?? 0));
  }

  /**
   * After each fill: a bracket entry arms or resizes its exits; then the symbol's reduce-only exits still
   * held (one a print fired too) go when the position is gone (rounded down to the lot, below minSize), or
   * when it is now on their own side (a margin position that flipped): either way they would be cancelled
   * at the next book for want of anything to reduce.
   */
  private afterFill(fill: ModelFill, info: SymbolInfo): void {
    const bracket = this.brackets.get(fill.orderId);
    if (bracket) this.armBracket(bracket, fill);
    const size = this.holdings.get(info.symbol)?.size ?? 0;
    const sellable = this.floorLots(Math.abs(size), info.lotSize) * info.lotSize;
    const gone = sellable === 0 || fallsShort(sellable, info.minSize);
    this.exits = this.exits.filter((e) => !(e.symbol === info.symbol && e.reduceOnly && (gone || (e.side === 'sell' ? size < 0 : size > 0))));
  }

  /**
   * After each fill of a bracket entry, its exits are reduce-only orders on the other side, sized to what the
   * entry's fills brought in (their size less the fees taken in base: the exits never sell coins held before
   * the entry) or the position, whichever is less, rounded down to the lot; armed at the first fill that
   * gives them a size (a spot sell's exits would buy back a short there is not: they never have one) and
   * resized at each later fill while none of them has fired or ended — never otherwise (a restart keeps
   * them as they are). Two are one OCO group, the entry's id.
   */
  private armBracket(b: Bracket, fill: ModelFill): void {
    const info = this.info(b.symbol)!;
    b.broughtIn += fill.size - (fill.feeAsset === info.base ? fill.feeAmount : 0);
    if (!b.legs.every((leg) => this.waiting(leg))) return;
    const side = opposite(b.side);
    const size = this.floorLots(Math.min(b.broughtIn, this.reducible(b.symbol, side)), info.lotSize);
    if (size === 0) return;
    if (b.legs.length === 0) {
      const orders = exitOrders(b.exits);
      const ocoGroup = orders.length === 2 ? b.id : undefined;
      // A trailing stop arms at the touch; only right after a restart, before any book, is there none, and
      // then the fill's price is the last price known.
      const touch = this.touch(b.symbol, side) ?? fill.price;
      b.legs = orders.map(({ suffix, ...order }) => this.hold({ ...order, id: `${b.id}-${suffix}`, symbol: b.symbol, side, lots: size, reduceOnly: true, ocoGroup, parentId: b.id }, touch));
    }
    for (const leg of b.legs) leg.lots = size;
  }

  /** The touch of an order: the best bid for a sell, the best ask for a buy; from the book, else the ticker. */
  private touch(symbol: string, side: Side): number | undefined {
    const book = this.books.get(symbol);
    const best = book ? (side === 'sell' ? book.bids : book.asks)[0]?.price : undefined;
    const ticker = this.tickers.get(symbol);
    return best ?? (ticker && (side === 'sell' ? ticker.bid : ticker.ask));
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
    this.afterFill(fill, info);
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
    for (const w of this.workingOrders()) gross += w.lots * this.info(w.symbol)!.lotSize * w.price;
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

  /**
   * The working orders as "Reduces" and rules 9–13 count them, with their unfilled lots and the price they
   * are valued at: every order at the matcher; a conditional order that is not reduce-only, from placement
   * (it may open or add to a position when it fires), and any exit a print fired, until it goes out (it is
   * about to) — both valued at their limit price, else their trigger (a trailing stop not armed yet: 0).
   * An armed reduce-only exit promises nothing until it fires, and is not one.
   */
  private workingOrders(): Array<{ symbol: string; side: Side; lots: number; price: number }> {
    const out = this.working.map((w) => ({ symbol: w.symbol, side: w.side, lots: w.lots - w.filledLots, price: w.price }));
    for (const e of this.exits) {
      if (e.reduceOnly && e.firedSeq === undefined) continue;
      out.push({ symbol: e.symbol, side: e.side, lots: e.lots, price: e.price ?? e.triggerPrice ?? 0 });
    }
    return out;
  }

  /** Unfilled lots of the working orders (as `workingOrders` counts them) of a symbol on one side. */
  private workingLots(symbol: string, side: Side): number {
    let lots = 0;
    for (const w of this.workingOrders()) if (w.symbol === symbol && w.side === side) lots += w.lots;
    return lots;
  }

  /** A buy takes asks at or below its limit, a sell bids at or above. */
  private within(side: Side, levelPrice: number, limit: number): boolean {
    return side === 'buy' ? levelPrice <= limit : levelPrice >= limit;
  }
}
