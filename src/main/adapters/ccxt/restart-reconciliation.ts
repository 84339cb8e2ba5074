// At start-up the journal's open orders are compared with the exchange before anything else trusts
// them: fills made while the desk was closed are applied, finished orders are finished, and an order
// the exchange does not know halts trading. Nothing is ever assumed cancelled.
import type { Order } from '../../../shared/trading.ts';
import { Backoff } from './backoff.ts';
import type { LiveBroker } from './live-broker.ts';
import { findOrder } from './order-lookup.ts';
import type { WorkingOrder } from './working-orders.ts';

/** The prefix of the engine's client order ids (engine/client-order-ids.ts): orders this desk placed. */
const DESK_ID_PREFIX = 'hd-';

export async function reconcileAtStart(broker: LiveBroker, openOrders: Order[]): Promise<void> {
  const restored: WorkingOrder[] = [];
  // Registered synchronously, before the first await, so a cancel or stream update finds them.
  for (const order of openOrders) {
    const info = broker.symbolInfo(order.symbol);
    if (info === undefined) {
      broker.problem('ORPHAN_ORDER', true, `Order ${order.clientOrderId} on ${order.symbol} is open in the journal, but ${order.symbol} is not one of this desk's symbols. Trading is halted: add the symbol in Settings or resolve the order on ${broker.name} by hand.`);
      continue;
    }
    const acknowledged = order.id !== '';
    restored.push(
      broker.orders.add(order, info, { sentAt: order.ts, orderId: order.id, phase: acknowledged ? 'working' : 'unknown', accepted: acknowledged }),
    );
  }
  await Promise.all(restored.map((working) => reconcileOne(broker, working)));
  await reportStrangers(broker, new Set(openOrders.map((o) => o.clientOrderId)));
  if (restored.length > 0) {
    const still = restored.filter((w) => w.phase !== 'done').length;
    broker.problem('RECONCILED', false, `Checked ${restored.length} open order(s) from the journal with ${broker.name}: ${still} still working, ${restored.length - still} finished or resolved.`);
  }
}

async function reconcileOne(broker: LiveBroker, working: WorkingOrder): Promise<void> {
  // Never acknowledged before the restart: exactly the case of a lost answer.
  if (working.orderId === '') return broker.lookUp(working);
  const backoff = new Backoff(broker.timing.readRetryMs);
  while (!broker.stopper.isStopped && working.phase !== 'done') {
    const found = await broker.read(`order ${working.clientOrderId}`, () => findOrder(broker.ccxt, broker.exchange, working));
    if (found === 'absent') {
      broker.orphan(working, `${broker.name} does not know it`);
      return;
    }
    // Fills the journal missed are fetched by trade id; the journal drops the ones it has. A report that
    // cannot be right is asked for again, like a failed read.
    if (found !== 'failed' && broker.noteOrder(found, working)) {
      await working.fillFetch;
      return;
    }
    await broker.stopper.sleep(backoff.next());
  }
}

/** Open orders at the exchange that the journal does not have: shown, never touched. */
async function reportStrangers(broker: LiveBroker, journaled: Set<string>): Promise<void> {
  if (!broker.exchange.has.fetchOpenOrders) return;
  const symbols = [...new Set(broker.orders.all().map((w) => w.symbol).concat(broker.symbolList()))];
  for (const symbol of symbols) {
    const open = await broker.read(`open orders on ${symbol}`, () => broker.exchange.fetchOpenOrders(symbol));
    if (typeof open === 'string') continue;
    for (const order of open) {
      const id = order.clientOrderId ?? '';
      if (journaled.has(id)) continue;
      if (id.startsWith(DESK_ID_PREFIX)) {
        broker.problem('RECONCILED', false, `${broker.name} has an open order ${id} (${order.side} ${order.amount} ${symbol}) that this desk's journal does not know; it is left untouched.`);
      } else {
        broker.log(`${broker.name} has an open order ${order.id} on ${symbol} placed outside the desk; it is left untouched.`);
      }
    }
  }
}
