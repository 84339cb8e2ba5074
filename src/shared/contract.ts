// The one contract between the engine and every UI (Electron IPC or the headless WebSocket host).
// Every command's input is a zod schema, validated at the boundary; nothing else names a channel.
import { z } from 'zod';
import { TIMEFRAMES, type Candle, type OrderBook } from './market.ts';
import {
  backtestRequestSchema,
  sweepRequestSchema,
  type BacktestProgress,
  type BacktestResult,
  type BacktestSummary,
  type DatasetInfo,
  type SweepProgress,
} from './backtest.ts';
import {
  apiKeysSchema,
  exchangeIdSchema,
  exchangeSettingsSchema,
  type ConnectionTest,
  type ExchangeInfo,
  type KeyStatus,
} from './exchange.ts';
import { riskLimitsSchema, type DenialCode, type RiskStatus } from './risk.ts';
import { settingsSchema, updateSettingsSchema, type Settings } from './settings.ts';
import type { EngineSnapshot, Focus, StateDelta } from './state.ts';
import { meanReversionParamsSchema, momentumParamsSchema, strategyParamPatchSchema, type StrategyView } from './strategy.ts';
import { ORDER_TYPES, type AccountSummary, type Order } from './trading.ts';

export { IPC_COMMAND_CHANNEL, IPC_EVENT_CHANNEL } from './channels.ts';

const finitePositive = z.number().finite().positive();
const symbol = z.string().min(1).max(32);
const strategyId = z.string().min(1).max(64);

const price = finitePositive.max(1e12);
const exitLegSchema = z.object({ triggerPrice: price, price: price.optional() }).strict();
const trailingSchema = z
  .object({ distance: finitePositive.max(1e12), unit: z.enum(['amount', 'percent']), activationPrice: price.optional() })
  .strict()
  .refine((t) => t.unit === 'amount' || t.distance < 100, { message: 'a trailing distance in percent must be below 100', path: ['distance'] });
const exitsShape = { stopLoss: exitLegSchema.optional(), takeProfit: exitLegSchema.optional(), trailingStop: trailingSchema.optional() };

const LIMIT_PRICED: ReadonlySet<string> = new Set(['limit', 'stop_limit', 'take_profit_limit']);
const TRIGGERED: ReadonlySet<string> = new Set(['stop_market', 'stop_limit', 'take_profit_market', 'take_profit_limit']);

export const placeOrderSchema = z
  .object({
    symbol,
    side: z.enum(['buy', 'sell']),
    type: z.enum(ORDER_TYPES),
    size: finitePositive.max(1e9),
    price: price.optional(),
    triggerPrice: price.optional(),
    trailing: trailingSchema.optional(),
    timeInForce: z.enum(['GTC', 'IOC', 'FOK']).optional(),
    postOnly: z.boolean().optional(),
    reduceOnly: z.boolean().optional(),
    ...exitsShape,
  })
  .strict()
  .refine((o) => !LIMIT_PRICED.has(o.type) || o.price !== undefined, {
    message: 'a limit order needs a price',
    path: ['price'],
  })
  // As on exchanges: a market order fills at the book, and a price on it would be silently ignored.
  .refine((o) => LIMIT_PRICED.has(o.type) || o.price === undefined, {
    message: 'a market order takes no price (it fills at the book); use a limit order to set one',
    path: ['price'],
  })
  .refine((o) => TRIGGERED.has(o.type) === (o.triggerPrice !== undefined), {
    message: 'stop and take-profit orders need a triggerPrice, and only they take one',
    path: ['triggerPrice'],
  })
  .refine((o) => (o.type === 'trailing_stop') === (o.trailing !== undefined), {
    message: 'a trailing_stop needs trailing terms, and only it takes them',
    path: ['trailing'],
  })
  .refine((o) => o.timeInForce === undefined || o.type === 'limit', {
    message: 'time in force applies to limit orders only (a market order takes what the book has)',
    path: ['timeInForce'],
  })
  .refine((o) => o.postOnly !== true || (o.type === 'limit' && (o.timeInForce ?? 'GTC') === 'GTC'), {
    message: 'post-only applies to a GTC limit order only',
    path: ['postOnly'],
  })
  .refine((o) => !hasExits(o) || ((o.type === 'market' || o.type === 'limit') && o.reduceOnly !== true), {
    message: 'stop-loss and take-profit exits attach to a market or limit entry that is not reduce-only',
    path: ['stopLoss'],
  })
  .refine((o) => o.stopLoss === undefined || o.trailingStop === undefined, {
    message: 'an entry takes a stop-loss or a trailing stop, not both',
    path: ['trailingStop'],
  });
export type PlaceOrderRequest = z.infer<typeof placeOrderSchema>;

function hasExits(o: { stopLoss?: unknown; takeProfit?: unknown; trailingStop?: unknown }): boolean {
  return o.stopLoss !== undefined || o.takeProfit !== undefined || o.trailingStop !== undefined;
}

/**
 * Exits for a position already held: reduce-only orders for `size` (the whole sellable position when
 * absent), one cancelling the other. With both a take-profit and a stop this is an OCO.
 */
export const protectPositionSchema = z
  .object({ symbol, size: finitePositive.max(1e9).optional(), ...exitsShape })
  .strict()
  .refine(hasExits, { message: 'give a stopLoss, a takeProfit or a trailingStop', path: ['stopLoss'] })
  .refine((o) => o.stopLoss === undefined || o.trailingStop === undefined, {
    message: 'a position takes a stop-loss or a trailing stop, not both',
    path: ['trailingStop'],
  });
export type ProtectPositionRequest = z.infer<typeof protectPositionSchema>;

/** Moves a working order's trigger or limit price (dragging its line on the chart). */
export const amendOrderSchema = z
  .object({ clientOrderId: z.string().min(1).max(64), triggerPrice: price.optional(), price: price.optional() })
  .strict()
  .refine((o) => o.triggerPrice !== undefined || o.price !== undefined, { message: 'give a triggerPrice or a price', path: ['triggerPrice'] });


const strategyCreateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('momentum'), symbol, timeframe: z.enum(TIMEFRAMES), params: momentumParamsSchema }).strict(),
  z
    .object({ kind: z.literal('mean-reversion'), symbol, timeframe: z.enum(TIMEFRAMES), params: meanReversionParamsSchema })
    .strict(),
]);

export const commandSchemas = {
  'state.snapshot': z.object({}).strict(),
  'view.focus': z.object({ symbol, timeframe: z.enum(TIMEFRAMES) }).strict(),
  'order.place': placeOrderSchema,
  'order.amend': amendOrderSchema,
  'position.protect': protectPositionSchema,
  'order.cancel': z.object({ clientOrderId: z.string().min(1).max(64) }).strict(),
  'order.cancelAll': z.object({}).strict(),
  'position.close': z.object({ symbol }).strict(),
  'risk.halt': z.object({ reason: z.string().max(200).optional() }).strict(),
  'risk.resume': z.object({}).strict(),
  'risk.killSwitch': z.object({}).strict(),
  'strategy.create': strategyCreateSchema,
  'strategy.update': z.object({ id: strategyId, params: strategyParamPatchSchema }).strict(),
  'strategy.setActive': z.object({ id: strategyId, active: z.boolean() }).strict(),
  'strategy.remove': z.object({ id: strategyId }).strict(),
  'settings.update': z
    .object({
      startingCapital: settingsSchema.shape.startingCapital.optional(),
      simSpeed: settingsSchema.shape.simSpeed.optional(),
      riskLimits: riskLimitsSchema.partial().strict().optional(),
      exchange: exchangeSettingsSchema.strict().nullable().optional(),
      updates: updateSettingsSchema.optional(),
    })
    .strict(),
  /** Live needs confirmLive: the UI shows account, exchange and testnet flag and the trader confirms. */
  'mode.switch': z.object({ mode: z.enum(['paper', 'shadow', 'live']), confirmLive: z.boolean().optional() }).strict(),
  'exchanges.list': z.object({}).strict(),
  'keys.status': z.object({ exchangeId: exchangeIdSchema }).strict(),
  'keys.set': apiKeysSchema,
  'keys.delete': z.object({ exchangeId: exchangeIdSchema }).strict(),
  /**
   * Fetches the balance: proves key, permissions, clock and network. With `keys`, those typed in Settings
   * and not saved yet (nothing is stored); without, the stored ones.
   */
  'keys.test': z
    .object({ exchangeId: exchangeIdSchema, testnet: z.boolean(), keys: apiKeysSchema.pick({ apiKey: true, secret: true, password: true }).optional() })
    .strict(),
  'backtest.datasets': z.object({}).strict(),
  /** Starts a run in the background; progress comes as 'backtest.progress' events. */
  'backtest.run': backtestRequestSchema,
  'backtest.cancel': z.object({ runId: z.string().min(1).max(64) }).strict(),
  'backtest.list': z.object({}).strict(),
  'backtest.get': z.object({ runId: z.string().min(1).max(64) }).strict(),
  'backtest.delete': z.object({ runId: z.string().min(1).max(64) }).strict(),
  'backtest.export': z.object({ runId: z.string().min(1).max(64), what: z.enum(['trades', 'metrics']) }).strict(),
  /** Runs a grid of backtests on worker threads; progress comes as 'sweep.progress' events. */
  'sweep.run': sweepRequestSchema,
  'sweep.cancel': z.object({ sweepId: z.string().min(1).max(64) }).strict(),
  /** Starts a new paper account; the trader confirms it, since it forgets positions and lifts a halt. */
  'account.reset': z.object({ confirm: z.literal(true) }).strict(),
} as const;

export type CommandName = keyof typeof commandSchemas;
export const COMMAND_NAMES = Object.keys(commandSchemas) as CommandName[];
export type CommandRequest<C extends CommandName> = z.input<(typeof commandSchemas)[C]>;
export type ParsedCommandRequest<C extends CommandName> = z.output<(typeof commandSchemas)[C]>;

export interface CommandResponses {
  'state.snapshot': EngineSnapshot;
  'view.focus': { focus: Focus; candles: Candle[]; book: OrderBook | null };
  'order.place': Order;
  'order.cancel': Order;
  'order.amend': Order;
  /** The exits placed, an OCO pair or one order. */
  'position.protect': Order[];
  'order.cancelAll': { cancelled: number };
  'position.close': Order | null;
  'risk.halt': RiskStatus;
  'risk.resume': RiskStatus;
  'risk.killSwitch': KillSwitchReport;
  'strategy.create': StrategyView;
  'strategy.update': StrategyView;
  'strategy.setActive': StrategyView;
  'strategy.remove': { removed: string };
  'settings.update': Settings;
  'account.reset': AccountSummary;
  'mode.switch': Settings;
  'exchanges.list': ExchangeInfo[];
  'keys.status': KeyStatus;
  'keys.set': KeyStatus;
  'keys.delete': KeyStatus;
  'keys.test': ConnectionTest;
  'backtest.datasets': DatasetInfo[];
  'backtest.run': { runId: string };
  'backtest.cancel': { cancelled: boolean };
  'backtest.list': BacktestSummary[];
  'backtest.get': BacktestResult;
  'backtest.delete': { deleted: string };
  'backtest.export': { filename: string; csv: string };
  'sweep.run': { sweepId: string };
  'sweep.cancel': { cancelled: boolean };
}

/** What the kill switch did at once, and what it is still closing (and why) as later books come in. */
export interface KillSwitchReport {
  cancelled: number;
  /** Positions flat (or dust) once the kill switch's first orders were done. */
  closed: number;
  remaining: Array<{ symbol: string; size: number; reason: string }>;
  /** Strategies that were on and are now switched off. */
  strategiesStopped: number;
}

export type CommandErrorCode = 'INVALID_PAYLOAD' | 'UNKNOWN_COMMAND' | 'NOT_FOUND' | 'REFUSED' | 'INTERNAL' | DenialCode;

export interface CommandError {
  code: CommandErrorCode;
  message: string;
  /** For INVALID_PAYLOAD: one line per problem, "size: must be greater than 0". */
  issues?: string[];
}

export type CommandResult<C extends CommandName> =
  | { ok: true; value: CommandResponses[C] }
  | { ok: false; error: CommandError };

/** What the desktop app's menu asks of the screen. */
export const APP_COMMANDS = ['view.trade', 'view.backtest', 'settings.open', 'help.open'] as const;
export type AppCommand = (typeof APP_COMMANDS)[number];

export interface EventPayloads {
  'state.snapshot': EngineSnapshot;
  'state.delta': StateDelta;
  /** At most a few per second per run. */
  'backtest.progress': BacktestProgress;
  'sweep.progress': SweepProgress;
  /** The desktop app's menu (Electron only). */
  'app.command': { command: AppCommand };
  /** What the desktop app itself has to tell the trader, such as a window reloaded after its renderer crashed (Electron only). */
  'app.notice': { level: 'info' | 'error'; text: string };
}
export type EventName = keyof EventPayloads;
export type EngineEvent = { [E in EventName]: { event: E; payload: EventPayloads[E] } }[EventName];

/** What a renderer needs from its transport, Electron or WebSocket alike. */
export interface EngineApi {
  invoke<C extends CommandName>(command: C, payload: CommandRequest<C>): Promise<CommandResult<C>>;
  /** Returns an unsubscribe function. */
  onEvent(listener: (event: EngineEvent) => void): () => void;
}

/** Messages over the headless host's WebSocket. A reply's id is null when the message was too broken to carry one. */
export type ClientMessage = { id: number; command: string; payload: unknown };
export type ServerMessage =
  | { id: number | null; result: CommandResult<CommandName> }
  | EngineEvent;
