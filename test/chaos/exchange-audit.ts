// Holds a live desk's journal to what the exchange itself says: every trade there is journaled once and
// only once, every desk order there is in the journal, none was sent twice, and what the journal thinks
// is open is what the exchange has open.
import type { BinanceSim } from '../support/exchange-sim/binance-sim.ts';
import { isOpenStatus, type JournalAudit } from './journal-audit.ts';

/** The engine's client order ids start so (engine/client-order-ids.ts): orders this desk placed. */
const DESK_PREFIX = 'hd-';

export interface ExchangeAudit {
  /** Trades at the exchange the journal does not have, as `orderId tradeId`. */
  lostFills: string[];
  /** Journal fills the exchange has no trade for, or journaled with another size or price. */
  wrongFills: string[];
  problems: string[];
}

/** Orders at the exchange against the journal; safe at any moment the desk is not running. */
export function orderProblems(sim: BinanceSim, journal: JournalAudit): string[] {
  const problems: string[] = [];
  const journaled = new Set(journal.orders.map((o) => o.clientOrderId));
  const seen = new Set<string>();
  for (const order of sim.orders()) {
    if (!order.clientOrderId.startsWith(DESK_PREFIX)) continue;
    if (seen.has(order.clientOrderId)) problems.push(`order ${order.clientOrderId} reached the exchange twice`);
    seen.add(order.clientOrderId);
    if (!journaled.has(order.clientOrderId)) problems.push(`order ${order.clientOrderId} is at the exchange but not in the journal`);
  }
  return problems;
}

/** Everything, once the desk has settled: trades, order states and balances. */
export function auditAgainstExchange(sim: BinanceSim, journal: JournalAudit, startBalances: Record<string, number>): ExchangeAudit {
  const problems = orderProblems(sim, journal);
  const exchangeOrders = new Map(sim.orders().map((o) => [String(o.orderId), o]));
  const journalFills = new Map(journal.fills.map((f) => [`${f.orderId} ${f.tradeId}`, f]));
  const lostFills: string[] = [];
  const wrongFills: string[] = [];
  const baseCommission: Record<string, number> = {};
  for (const trade of sim.trades()) {
    const order = exchangeOrders.get(String(trade.orderId))!;
    if (!order.clientOrderId.startsWith(DESK_PREFIX)) continue;
    const key = `${trade.orderId} ${trade.id}`;
    const fill = journalFills.get(key);
    journalFills.delete(key);
    if (fill === undefined) {
      lostFills.push(key);
      problems.push(`trade ${trade.id} of ${order.clientOrderId} (${trade.qty} @ ${trade.price}) is not in the journal`);
    } else if (Math.abs(fill.size - trade.qty) > 1e-12 || Math.abs(fill.price - trade.price) > 1e-9) {
      wrongFills.push(key);
      problems.push(`trade ${trade.id} is journaled as ${fill.size} @ ${fill.price}, the exchange says ${trade.qty} @ ${trade.price}`);
    }
    baseCommission[trade.commissionAsset] = (baseCommission[trade.commissionAsset] ?? 0) + trade.commission;
  }
  for (const [key, fill] of journalFills) {
    wrongFills.push(key);
    problems.push(`fill ${fill.tradeId} of ${fill.clientOrderId} is journaled but the exchange has no such trade`);
  }
  for (const order of journal.orders) {
    const atExchange = sim.orders().find((o) => o.clientOrderId === order.clientOrderId);
    const openThere = atExchange !== undefined && (atExchange.status === 'NEW' || atExchange.status === 'PARTIALLY_FILLED');
    if (openThere !== isOpenStatus(order.status)) {
      problems.push(`order ${order.clientOrderId} is ${order.status} in the journal and ${atExchange?.status ?? 'unknown'} at the exchange`);
    }
  }
  // Balances: what the exchange holds now against the start plus the journal's fills, fees as the exchange charged them.
  const moved: Record<string, number> = {};
  for (const fill of journal.fills) {
    const [base, quote] = fill.symbol.split('/') as [string, string];
    const sign = fill.side === 'buy' ? 1 : -1;
    moved[base] = (moved[base] ?? 0) + sign * fill.size;
    moved[quote] = (moved[quote] ?? 0) - sign * fill.size * fill.price;
  }
  for (const [asset, change] of Object.entries(moved)) {
    const balance = sim.balance(asset);
    const expected = (startBalances[asset] ?? 0) + change - (baseCommission[asset] ?? 0);
    const actual = balance.free + balance.locked;
    if (Math.abs(actual - expected) > 1e-6 * Math.max(1, Math.abs(expected))) {
      problems.push(`${asset}: the exchange holds ${actual}, the journal's fills give ${expected}`);
    }
  }
  return { lostFills, wrongFills, problems };
}
