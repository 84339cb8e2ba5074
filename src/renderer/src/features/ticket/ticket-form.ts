// Turns the ticket's text fields into an order request, with messages a trader can act on.
import { placeOrderSchema, protectPositionSchema, type CommandError, type PlaceOrderRequest, type ProtectPositionRequest } from '../../../../shared/contract.ts';
import type { z } from 'zod';
import type { SymbolInfo } from '../../../../shared/market.ts';
import type { ExitLeg, Order, Side, TimeInForce } from '../../../../shared/trading.ts';
import { issueText } from '../../format/issues.ts';
import { formatPrice, formatSize, roundToStep } from '../../format/number.ts';

/** Market and limit entries (with optional exits), a conditional order, or an OCO on the position. */
export type TicketTab = 'market' | 'limit' | 'stop' | 'oco';
export type StopKind = 'stop' | 'take_profit' | 'trailing';

export interface TicketForm {
  tab: TicketTab;
  side: Side;
  size: string;
  /** Limit price (limit tab; the stop tab's optional limit). */
  price: string;
  timeInForce: TimeInForce;
  postOnly: boolean;
  stopKind: StopKind;
  /** Stop tab: the trigger; a trailing stop's distance ("2%" or an amount). */
  trigger: string;
  reduceOnly: boolean;
  /** Exits: a price, or a distance from the entry in percent ("1.5%"). */
  stopLoss: string;
  takeProfit: string;
}

export const EMPTY_TICKET: TicketForm = {
  tab: 'market', side: 'buy', size: '', price: '', timeInForce: 'GTC', postOnly: false,
  stopKind: 'stop', trigger: '', reduceOnly: true, stopLoss: '', takeProfit: '',
};

export type TicketRequest = { command: 'order.place'; request: PlaceOrderRequest } | { command: 'position.protect'; request: ProtectPositionRequest };
export type TicketCheck = { ok: true; request: TicketRequest } | { ok: false; message: string };

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function parseNumber(text: string): number | undefined {
  const trimmed = text.trim().replace(/,/g, '');
  return trimmed === '' ? undefined : Number(trimmed);
}

function onStep(value: number, step: number): boolean {
  return Math.abs(roundToStep(value, step) - value) <= step * 1e-6;
}

/**
 * An exit's price from its field: a price as typed, or a percent distance from `entry`, below it for a
 * long's stop (above for its take-profit), rounded to the tick away from the entry. NaN when unreadable.
 */
export function exitPrice(text: string, entry: number | undefined, side: Side, leg: 'stopLoss' | 'takeProfit', tickSize: number): number | undefined {
  const trimmed = text.trim().replace(/,/g, '');
  if (trimmed === '') return undefined;
  if (!trimmed.endsWith('%')) return Number(trimmed);
  const percent = Number(trimmed.slice(0, -1));
  if (!(percent > 0) || entry === undefined || !(entry > 0)) return Number.NaN;
  const down = (side === 'buy') === (leg === 'stopLoss');
  const raw = entry * (1 + ((down ? -1 : 1) * percent) / 100);
  const steps = raw / tickSize;
  return Number(((down ? Math.floor(steps + 1e-9) : Math.ceil(steps - 1e-9)) * tickSize).toFixed(10));
}

/** What the trade loses at its stop and makes at its target, in quote, and the ratio of the two. */
export function riskReward(side: Side, size: number, entry: number, stopLoss: number | undefined, takeProfit: number | undefined): { risk: number | null; reward: number | null; ratio: number | null } {
  const sign = side === 'buy' ? 1 : -1;
  const risk = stopLoss === undefined ? null : size * sign * (entry - stopLoss);
  const reward = takeProfit === undefined ? null : size * sign * (takeProfit - entry);
  return { risk, reward, ratio: risk !== null && reward !== null && risk > 0 ? reward / risk : null };
}

/**
 * Builds the request the tab asks for. `entry` is the price the order is expected at (the limit, or the
 * touch for a market order): percent exits are measured from it. On the OCO tab, `side` is the side of
 * the position the OCO closes (buy for a long).
 */
export function checkTicket(form: TicketForm, symbol: string, info: SymbolInfo | undefined, entry: number | undefined): TicketCheck {
  const tick = info?.tickSize ?? 0.01;
  const size = parseNumber(form.size);
  if (form.tab !== 'oco' || form.size.trim() !== '') {
    if (size === undefined) return { ok: false, message: 'Enter a size.' };
    if (Number.isNaN(size)) return { ok: false, message: 'Size is not a number.' };
  }
  const price = form.tab === 'limit' || form.tab === 'stop' ? parseNumber(form.price) : undefined;
  if (form.tab === 'limit' && price === undefined) return { ok: false, message: 'A limit order needs a price.' };
  if (price !== undefined && Number.isNaN(price)) return { ok: false, message: 'Price is not a number.' };
  const legEntry = form.tab === 'limit' ? price : entry;
  const stopLoss = exitPrice(form.stopLoss, legEntry, form.side, 'stopLoss', tick);
  const takeProfit = exitPrice(form.takeProfit, legEntry, form.side, 'takeProfit', tick);
  if (Number.isNaN(stopLoss) || Number.isNaN(takeProfit)) return { ok: false, message: 'A stop-loss or take-profit is a price or a percent such as 1.5%.' };
  const leg = (value: number | undefined): ExitLeg | undefined => (value === undefined ? undefined : { triggerPrice: value });

  let request: TicketRequest;
  if (form.tab === 'oco') {
    if (stopLoss === undefined || takeProfit === undefined) return { ok: false, message: 'An OCO needs both a stop-loss and a take-profit.' };
    const parsed = protectPositionSchema.safeParse({ symbol, size, stopLoss: leg(stopLoss), takeProfit: { triggerPrice: takeProfit, price: takeProfit } });
    if (!parsed.success) return { ok: false, message: issuesMessage(parsed.error.issues) };
    request = { command: 'position.protect', request: parsed.data };
  } else {
    const payload: Record<string, unknown> = { symbol, side: form.side, size };
    if (form.tab === 'stop') {
      const trigger = form.stopKind === 'trailing' ? undefined : parseNumber(form.trigger);
      if (form.stopKind !== 'trailing' && (trigger === undefined || Number.isNaN(trigger))) return { ok: false, message: 'A stop needs a trigger price.' };
      if (form.stopKind === 'trailing') {
        const text = form.trigger.trim();
        const distance = Number(text.replace(/%$/, ''));
        if (text === '' || !(distance > 0)) return { ok: false, message: 'A trailing stop needs a distance: an amount, or a percent such as 1%.' };
        Object.assign(payload, { type: 'trailing_stop', trailing: { distance, unit: text.endsWith('%') ? 'percent' : 'amount' } });
      } else {
        const kind = form.stopKind === 'stop' ? 'stop' : 'take_profit';
        Object.assign(payload, { type: `${kind}_${price === undefined ? 'market' : 'limit'}`, triggerPrice: trigger, price });
      }
      if (form.reduceOnly) payload.reduceOnly = true;
    } else {
      Object.assign(payload, { type: form.tab, price, stopLoss: leg(stopLoss), takeProfit: leg(takeProfit) });
      if (form.tab === 'limit' && form.timeInForce !== 'GTC') payload.timeInForce = form.timeInForce;
      if (form.tab === 'limit' && form.postOnly) payload.postOnly = true;
    }
    const parsed = placeOrderSchema.safeParse(withoutUndefined(payload));
    if (!parsed.success) return { ok: false, message: issuesMessage(parsed.error.issues) };
    request = { command: 'order.place', request: parsed.data };
  }
  if (info) {
    if (size !== undefined && size < info.minSize) return { ok: false, message: `Size is below the minimum of ${formatSize(info.minSize, info.lotSize)}.` };
    if (size !== undefined && !onStep(size, info.lotSize)) return { ok: false, message: `Size must be a multiple of the lot size ${formatSize(info.lotSize, info.lotSize)}.` };
    const typed = form.tab === 'stop' && form.stopKind !== 'trailing' ? [price, parseNumber(form.trigger)] : [price];
    if (typed.some((p) => p !== undefined && !onStep(p, info.tickSize))) {
      return { ok: false, message: `Price must be a multiple of the tick size ${formatPrice(info.tickSize, info.tickSize)}.` };
    }
  }
  return { ok: true, request };
}

function issuesMessage(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((i) => `${capitalize(i.path.join('.') || 'order')} ${issueText(i)}.`).join(' ');
}

function withoutUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

/** The engine's refusal: risk denials lead with their reason code. */
export function describeRejection(error: CommandError): string {
  const detail = error.issues?.length ? `${error.message}: ${error.issues.join('; ')}` : error.message;
  return error.code === 'INVALID_PAYLOAD' || error.code === 'INTERNAL' ? detail : `${error.code}: ${detail}`;
}

const STATUS_WORDS: Record<Order['status'], string> = {
  pending: 'Sent',
  open: 'Working',
  partially_filled: 'Partially filled',
  filled: 'Filled',
  cancelled: 'Cancelled',
  rejected: 'Rejected',
  unknown: 'Unknown (awaiting the venue)',
};

export function describeOrder(order: Order, lotSize: number): string {
  const id = order.id || order.clientOrderId;
  const base = `${STATUS_WORDS[order.status]}: ${order.side} ${formatSize(order.size, lotSize)} ${order.symbol} · order ${id}`;
  return order.reason ? `${base} · ${order.reason}` : base;
}
