// Turns the ticket's text fields into an order request, with messages a trader can act on.
import { placeOrderSchema, type CommandError, type PlaceOrderRequest } from '../../../../shared/contract.ts';
import type { SymbolInfo } from '../../../../shared/market.ts';
import type { Order, OrderType, Side } from '../../../../shared/trading.ts';
import { issueText } from '../../format/issues.ts';
import { formatPrice, formatSize, roundToStep } from '../../format/number.ts';

export interface TicketForm {
  side: Side;
  type: OrderType;
  size: string;
  price: string;
}

export type TicketCheck = { ok: true; request: PlaceOrderRequest } | { ok: false; message: string };

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function parseNumber(text: string): number | undefined {
  const trimmed = text.trim().replace(/,/g, '');
  return trimmed === '' ? undefined : Number(trimmed);
}

function onStep(value: number, step: number): boolean {
  return Math.abs(roundToStep(value, step) - value) <= step * 1e-6;
}

export function checkTicket(form: TicketForm, symbol: string, info: SymbolInfo | undefined): TicketCheck {
  const size = parseNumber(form.size);
  const price = form.type === 'limit' ? parseNumber(form.price) : undefined;
  if (size === undefined) return { ok: false, message: 'Enter a size.' };
  if (Number.isNaN(size)) return { ok: false, message: 'Size is not a number.' };
  if (form.type === 'limit' && price === undefined) return { ok: false, message: 'A limit order needs a price.' };
  if (price !== undefined && Number.isNaN(price)) return { ok: false, message: 'Price is not a number.' };

  const parsed = placeOrderSchema.safeParse({ symbol, side: form.side, type: form.type, size, price });
  if (!parsed.success) {
    return { ok: false, message: parsed.error.issues.map((i) => `${capitalize(i.path.join('.') || 'order')} ${issueText(i)}.`).join(' ') };
  }
  if (info) {
    if (size < info.minSize) return { ok: false, message: `Size is below the minimum of ${formatSize(info.minSize, info.lotSize)}.` };
    if (!onStep(size, info.lotSize)) return { ok: false, message: `Size must be a multiple of the lot size ${formatSize(info.lotSize, info.lotSize)}.` };
    if (price !== undefined && !onStep(price, info.tickSize)) {
      return { ok: false, message: `Price must be a multiple of the tick size ${formatPrice(info.tickSize, info.tickSize)}.` };
    }
  }
  return { ok: true, request: parsed.data };
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
