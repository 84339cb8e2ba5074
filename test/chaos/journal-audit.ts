// Reads a desk's journal on its own (its SQLite tables and the append log beside them), outside the
// engine, and works out what the journal says the account is: every fill, positions and cash replayed
// from them, and where an order's row disagrees with its fills. The chaos runs hold the restarted engine
// and the exchange to this.
import { existsSync, readFileSync } from 'node:fs';
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
  /** A bracket's exit: the entry whose fills it protects (reduce-only), else null. */
  protects: string | null;
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
  const journal = readTables(path);
  applyLog(journal, `${path}.log`);
  const fills = journal.fills.filter((f) => f.epoch === journal.epoch);
  const adjustments = journal.adjustments.filter((a) => a.epoch === journal.epoch);
  const orders = [...journal.orders.values()].sort((a, b) => a.ts - b.ts || a.rowid - b.rowid);
  return { fills, orders, ...replay(fills, adjustments, journal.startingCapital), problems: consistencyProblems(fills, orders) };
}

/** The journal as its files hold it, every epoch: the tables, then the log records they do not hold yet. */
interface RawJournal {
  epoch: number;
  startingCapital: number;
  fills: (JournalFill & { epoch: number })[];
  adjustments: (JournalAdjustment & { epoch: number })[];
  orders: Map<string, JournalOrder & { rowid: number }>;
  logPosition: number;
}

function readTables(path: string): RawJournal {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const account = db.prepare('SELECT epoch, state FROM account WHERE id = 1').get() as { epoch: number; state: string } | undefined;
    const hasLogPosition = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'log_position'").get() !== undefined;
    const position = hasLogPosition ? (db.prepare('SELECT seq FROM log_position WHERE id = 1').get() as { seq: number } | undefined) : undefined;
    const fills = (db.prepare('SELECT rowid, * FROM fills ORDER BY rowid').all() as Record<string, unknown>[]).map((row) => ({
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
      epoch: Number(row['epoch']),
    }));
    const adjustments = (db.prepare('SELECT * FROM adjustments ORDER BY id').all() as Record<string, unknown>[]).map((row) => ({
      asset: String(row['asset']),
      symbol: row['symbol'] === null ? null : String(row['symbol']),
      amount: Number(row['amount']),
      afterFillRowid: Number(row['after_fill_rowid']),
      epoch: Number(row['epoch']),
    }));
    const orders = new Map<string, JournalOrder & { rowid: number }>();
    for (const row of db.prepare('SELECT rowid, * FROM orders ORDER BY rowid').all() as Record<string, unknown>[]) {
      const terms = row['terms'] === null ? {} : (JSON.parse(String(row['terms'])) as { ocoGroup?: string; parentId?: string; reduceOnly?: boolean });
      orders.set(String(row['client_order_id']), {
        clientOrderId: String(row['client_order_id']),
        id: String(row['id']),
        symbol: String(row['symbol']),
        side: row['side'] as 'buy' | 'sell',
        size: Number(row['size']),
        status: String(row['status']),
        filled: Number(row['filled']),
        ts: Number(row['ts']),
        ocoGroup: terms.ocoGroup ?? null,
        protects: terms.reduceOnly === true ? (terms.parentId ?? null) : null,
        rowid: Number(row['rowid']),
      });
    }
    return {
      epoch: account?.epoch ?? 0,
      startingCapital: account === undefined ? 0 : (JSON.parse(account.state) as { startingCapital: number }).startingCapital,
      fills,
      adjustments,
      orders,
      logPosition: position?.seq ?? 0,
    };
  } finally {
    db.close();
  }
}

/**
 * The log's whole lines after the tables' position, read as this file understands the format
 * (`[seq,"kind",value]` per line), not through the journal's own code: a fill is new unless its
 * (orderId, tradeId) is known, an adjustment comes after every fill so far, an order replaces its row.
 */
function applyLog(journal: RawJournal, logPath: string): void {
  if (!existsSync(logPath)) return;
  const text = readFileSync(logPath, 'utf8');
  const known = new Set(journal.fills.map((f) => `${f.orderId} ${f.tradeId}`));
  let rowid = journal.fills.reduce((max, f) => Math.max(max, f.rowid), 0);
  let orderRowid = [...journal.orders.values()].reduce((max, o) => Math.max(max, o.rowid), 0);
  for (const line of text.slice(0, text.lastIndexOf('\n') + 1).split('\n')) {
    if (line === '') continue;
    const [seq, kind, value] = JSON.parse(line) as [number, string, Record<string, unknown>];
    if (seq <= journal.logPosition) continue;
    if (kind === 'account') {
      journal.epoch = Number(value['epoch']);
      journal.startingCapital = Number(value['startingCapital']);
    } else if (kind === 'fill') {
      const key = `${String(value['orderId'])} ${String(value['tradeId'])}`;
      if (known.has(key)) continue;
      known.add(key);
      journal.fills.push({ ...(value as unknown as JournalFill), rowid: ++rowid, epoch: journal.epoch });
    } else if (kind === 'adjustment') {
      journal.adjustments.push({ ...(value as unknown as JournalAdjustment), afterFillRowid: rowid, epoch: journal.epoch });
    } else if (kind === 'order') {
      const id = String(value['clientOrderId']);
      const earlier = journal.orders.get(id);
      journal.orders.set(id, {
        clientOrderId: id,
        id: String(value['id']),
        symbol: String(value['symbol']),
        side: value['side'] as 'buy' | 'sell',
        size: Number(value['size']),
        status: String(value['status']),
        filled: Number(value['filled']),
        ts: Number(value['ts']),
        ocoGroup: typeof value['ocoGroup'] === 'string' ? value['ocoGroup'] : null,
        protects: value['reduceOnly'] === true && typeof value['parentId'] === 'string' ? value['parentId'] : null,
        rowid: earlier?.rowid ?? ++orderRowid,
      });
    }
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
