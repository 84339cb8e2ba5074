// Reads a desk's SQLite journal on its own, outside the engine, and works out what the journal says the
// account is: every fill, positions and cash replayed from them, and where an order's row disagrees with
// its fills. The chaos runs hold the restarted engine and the exchange to this.
import { DatabaseSync } from 'node:sqlite';

export interface JournalFill {
  orderId: string;
  tradeId: string;
  clientOrderId: string;
  symbol: string;
  side: 'buy' | 'sell';
  price: number;
  size: number;
  fee: number;
  /** The asset the fee was taken in and how much (journals from before fee assets: the quote). */
  feeAsset: string;
  feeAmount: number;
  rowid: number;
}

/** Holdings the desk took in from the venue's balance (or saw leave) without a trade. */
export interface JournalAdjustment {
  asset: string;
  symbol: string | null;
  amount: number;
  afterFillRowid: number;
}

export interface JournalOrder {
  clientOrderId: string;
  id: string;
  symbol: string;
  side: 'buy' | 'sell';
  size: number;
  status: string;
  filled: number;
  /** When the desk placed it (wall clock, ms). */
  ts: number;
  /** Stops and take-profits: the OCO group they share with their partners, if any. */
  ocoGroup: string | null;
}

export interface JournalAudit {
  fills: JournalFill[];
  orders: JournalOrder[];
  /** Signed size per symbol, replayed from the fills; flat symbols left out. */
  positions: Record<string, number>;
  /** Starting capital minus what buys cost, plus what sells brought, minus fees taken in the quote, plus cash adjustments. */
  cash: number;
  /** One sentence per order whose row does not match its fills, or per fill recorded twice. */
  problems: string[];
}

const SIZE_EPSILON = 1e-9;
const OPEN_STATUSES = new Set(['pending', 'open', 'partially_filled', 'unknown']);

export const isOpenStatus = (status: string): boolean => OPEN_STATUSES.has(status);

export function auditJournal(path: string): JournalAudit {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const account = db.prepare('SELECT epoch, state FROM account WHERE id = 1').get() as { epoch: number; state: string } | undefined;
    const epoch = account?.epoch ?? 0;
    const startingCapital = account === undefined ? 0 : (JSON.parse(account.state) as { startingCapital: number }).startingCapital;
    const fills = (db.prepare('SELECT rowid, * FROM fills WHERE epoch = ? ORDER BY rowid').all(epoch) as Record<string, unknown>[]).map(
      (row): JournalFill => ({
        orderId: String(row['order_id']),
        tradeId: String(row['trade_id']),
        clientOrderId: String(row['client_order_id']),
        symbol: String(row['symbol']),
        side: row['side'] as 'buy' | 'sell',
        price: Number(row['price']),
        size: Number(row['size']),
        fee: Number(row['fee']),
        feeAsset: row['fee_asset'] === null ? String(row['symbol']).split('/')[1]! : String(row['fee_asset']),
        feeAmount: row['fee_amount'] === null ? Number(row['fee']) : Number(row['fee_amount']),
        rowid: Number(row['rowid']),
      }),
    );
    const adjustments = (db.prepare('SELECT * FROM adjustments WHERE epoch = ? ORDER BY id').all(epoch) as Record<string, unknown>[]).map(
      (row): JournalAdjustment => ({
        asset: String(row['asset']),
        symbol: row['symbol'] === null ? null : String(row['symbol']),
        amount: Number(row['amount']),
        afterFillRowid: Number(row['after_fill_rowid']),
      }),
    );
    const orders = (db.prepare('SELECT * FROM orders ORDER BY ts, rowid').all() as Record<string, unknown>[]).map(
      (row): JournalOrder => ({
        clientOrderId: String(row['client_order_id']),
        id: String(row['id']),
        symbol: String(row['symbol']),
        side: row['side'] as 'buy' | 'sell',
        size: Number(row['size']),
        status: String(row['status']),
        filled: Number(row['filled']),
        ts: Number(row['ts']),
        ocoGroup: row['terms'] === null ? null : ((JSON.parse(String(row['terms'])) as { ocoGroup?: string }).ocoGroup ?? null),
      }),
    );
    return { fills, orders, ...replay(fills, adjustments, startingCapital), problems: consistencyProblems(fills, orders) };
  } finally {
    db.close();
  }
}

/** Fills and adjustments in journal order: coins and cash move where the venue moved them, fees where it took them. */
function replay(fills: JournalFill[], adjustments: JournalAdjustment[], startingCapital: number): { positions: Record<string, number>; cash: number } {
  const positions: Record<string, number> = {};
  let cash = startingCapital;
  let next = 0;
  const adjust = (a: JournalAdjustment): void => {
    if (a.symbol === null) cash += a.amount;
    else positions[a.symbol] = (positions[a.symbol] ?? 0) + a.amount;
  };
  for (const fill of fills) {
    while (next < adjustments.length && adjustments[next]!.afterFillRowid < fill.rowid) adjust(adjustments[next++]!);
    const sign = fill.side === 'buy' ? 1 : -1;
    const [base, quote] = fill.symbol.split('/');
    positions[fill.symbol] = (positions[fill.symbol] ?? 0) + sign * fill.size;
    cash -= sign * fill.size * fill.price;
    if (fill.feeAsset === quote) cash -= fill.feeAmount;
    if (fill.feeAsset === base) positions[fill.symbol] -= fill.feeAmount;
  }
  while (next < adjustments.length) adjust(adjustments[next++]!);
  for (const [symbol, size] of Object.entries(positions)) if (Math.abs(size) < SIZE_EPSILON) delete positions[symbol];
  return { positions, cash };
}

function consistencyProblems(fills: JournalFill[], orders: JournalOrder[]): string[] {
  const problems: string[] = [];
  const filledByOrder = new Map<string, number>();
  const seenTrades = new Map<string, string>();
  for (const fill of fills) {
    filledByOrder.set(fill.clientOrderId, (filledByOrder.get(fill.clientOrderId) ?? 0) + fill.size);
    // The key (orderId, tradeId) cannot repeat; the same venue trade under another order id would be a double count.
    const tradeKey = `${fill.symbol} ${fill.tradeId}`;
    const earlier = seenTrades.get(tradeKey);
    if (earlier !== undefined) problems.push(`trade ${fill.tradeId} on ${fill.symbol} is journaled for both ${earlier} and ${fill.clientOrderId}`);
    seenTrades.set(tradeKey, fill.clientOrderId);
  }
  for (const order of orders) {
    const fromFills = filledByOrder.get(order.clientOrderId) ?? 0;
    if (Math.abs(order.filled - fromFills) > SIZE_EPSILON * Math.max(1, order.size)) {
      problems.push(`order ${order.clientOrderId} says ${order.filled} filled, its fills add up to ${fromFills}`);
    }
    if (order.filled > order.size + SIZE_EPSILON) problems.push(`order ${order.clientOrderId} filled ${order.filled} of ${order.size}`);
  }
  // One cancels the other: two orders of a group with fills means both fired.
  const filledInGroup = new Map<string, string[]>();
  for (const order of orders) {
    if (order.ocoGroup === null || !(order.filled > 0)) continue;
    const filled = [...(filledInGroup.get(order.ocoGroup) ?? []), order.clientOrderId];
    filledInGroup.set(order.ocoGroup, filled);
    if (filled.length === 2) problems.push(`OCO group ${order.ocoGroup}: both ${filled.join(' and ')} filled`);
  }
  return problems;
}

/** Where what the desk shows differs from what its journal's fills give, one sentence each. */
export function disagreements(shown: { positions: Record<string, number>; cash: number }, journal: JournalAudit): string[] {
  const found: string[] = [];
  for (const symbol of new Set([...Object.keys(shown.positions), ...Object.keys(journal.positions)])) {
    const onScreen = shown.positions[symbol] ?? 0;
    const replayed = journal.positions[symbol] ?? 0;
    if (Math.abs(onScreen - replayed) > SIZE_EPSILON) found.push(`${symbol}: the desk shows a position of ${onScreen}, the journal's fills give ${replayed}`);
  }
  if (Math.abs(shown.cash - journal.cash) > 1e-6 * Math.max(1, Math.abs(journal.cash))) {
    found.push(`cash: the desk shows ${shown.cash}, the journal's fills give ${journal.cash}`);
  }
  const open = journal.orders.filter((o) => isOpenStatus(o.status));
  if (open.length > 0) found.push(`${open.length} order(s) still open in the journal after settling: ${open.map((o) => `${o.clientOrderId} ${o.status}`).join(', ')}`);
  return found;
}
