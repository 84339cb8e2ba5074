// Stops, take-profits, trailing stops, OCO pairs and brackets as a trader places them through the public
// contract on a paper desk, with the market pushed by hand: when each fires, at what price, and what is
// left behind.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BookLevel } from '../../src/shared/market.ts';
import { join } from 'node:path';
import { FileJournal } from '../../src/main/adapters/journal/file-journal.ts';
import type { Order } from '../../src/shared/trading.ts';
import { openContractDesk, type ContractDesk } from '../support/contract-desk.ts';

let desk: ContractDesk;
beforeEach(async () => {
  desk = await openContractDesk();
  await desk.ok('settings.update', { riskLimits: { riskPerTrade: 0.05, maxPositionValue: 50_000 } });
});
afterEach(async () => {
  await desk.close();
});

/** SOL quoted a cent either side of `mid`, 500 deep on three levels a side ten cents apart. */
function sol(mid: number, depth = 500): void {
  desk.advance(100);
  const bids: BookLevel[] = [0, 1, 2].map((i) => [round(mid - 0.01 - i * 0.1), depth]);
  const asks: BookLevel[] = [0, 1, 2].map((i) => [round(mid + 0.01 + i * 0.1), depth]);
  desk.book('SOL/USDT', bids, asks);
  desk.book('BTC/USDT', [[59_999.99, 5]], [[60_000.01, 5]]);
}

function round(price: number): number {
  return Math.round(price * 100) / 100;
}

const snapshot = () => desk.snapshot();
const solPosition = async () => (await snapshot()).positions.find((p) => p.symbol === 'SOL/USDT')?.size ?? 0;
const openExits = async () => (await snapshot()).openOrders.filter((o) => o.symbol === 'SOL/USDT' && o.type !== 'market' && o.type !== 'limit');
const fillsOf = async (clientOrderId: string) => (await snapshot()).fills.filter((f) => f.clientOrderId === clientOrderId);
const historyOf = async (clientOrderId: string): Promise<Order | undefined> => (await snapshot()).orderHistory.find((o) => o.clientOrderId === clientOrderId);
const logs = async () => (await snapshot()).log.map((l) => l.message);

describe('a bracket placed from the ticket', () => {
  it('arms its stop and take-profit when the entry fills, sized to the coins received, as one OCO pair', async () => {
    sol(100);
    const entry = await desk.ok('order.place', {
      symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 10,
      stopLoss: { triggerPrice: 95 }, takeProfit: { triggerPrice: 110 },
    });
    const exits = await openExits();
    // 10 SOL bought, 0.05% taker fee taken in SOL: 9.995 held, and that is what the exits sell.
    expect(await solPosition()).toBeCloseTo(9.995, 9);
    expect(exits.map((o) => [o.clientOrderId, o.type, o.side, o.size, o.triggerPrice, o.heldBy, o.ocoGroup])).toEqual([
      [`${entry.clientOrderId}-sl`, 'stop_market', 'sell', 9.995, 95, 'desk', entry.clientOrderId],
      [`${entry.clientOrderId}-tp`, 'take_profit_market', 'sell', 9.995, 110, 'desk', entry.clientOrderId],
    ]);
  });

  it('sells at the next book when a print crosses the stop, flattens the position and cancels the take-profit', async () => {
    sol(100);
    const entry = await desk.ok('order.place', {
      symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 10,
      stopLoss: { triggerPrice: 95 }, takeProfit: { triggerPrice: 110 },
    });
    desk.advance(100);
    desk.trade('SOL/USDT', 94.9, 1, 'sell'); // through the stop, while the book still shows 99.99
    expect(await fillsOf(`${entry.clientOrderId}-sl`)).toEqual([]);
    sol(94.5);
    const fills = await fillsOf(`${entry.clientOrderId}-sl`);
    expect(fills.map((f) => [f.price, f.size])).toEqual([[94.49, 9.995]]);
    expect(await solPosition()).toBe(0);
    expect(await openExits()).toEqual([]);
    expect((await historyOf(`${entry.clientOrderId}-tp`))?.status).toBe('cancelled');
    expect((await historyOf(`${entry.clientOrderId}-tp`))?.reason).toMatch(/other order of its OCO pair/);
  });

  it('fills a stop the market gapped through at the book, never at the trigger', async () => {
    sol(100);
    const entry = await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 10, stopLoss: { triggerPrice: 95 } });
    sol(90); // the book jumps from 99.99 to 89.99 with no print between
    const fills = await fillsOf(`${entry.clientOrderId}-sl`);
    expect(fills.map((f) => f.price)).toEqual([89.99]);
    expect(await solPosition()).toBe(0);
  });

  it('takes profit on the way up and cancels the stop', async () => {
    sol(100);
    const entry = await desk.ok('order.place', {
      symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 10,
      stopLoss: { triggerPrice: 95 }, takeProfit: { triggerPrice: 110, price: 110 },
    });
    sol(110.5); // the limit at 110 takes the 110.49 bid: a better price than it asks for
    expect((await fillsOf(`${entry.clientOrderId}-tp`)).map((f) => f.price)).toEqual([110.49]);
    expect(await solPosition()).toBe(0);
    expect((await historyOf(`${entry.clientOrderId}-sl`))?.status).toBe('cancelled');
  });

  it('arms exits for what a resting entry has filled and resizes them on its next fill', async () => {
    sol(100);
    const entry = await desk.ok('order.place', {
      symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 10, price: 99,
      stopLoss: { triggerPrice: 95 }, takeProfit: { triggerPrice: 110 },
    });
    expect(await openExits()).toEqual([]);
    desk.advance(100);
    desk.trade('SOL/USDT', 99, 4, 'sell');
    // A maker buy's fee is in SOL too: 3.9992 held, 3.999 in whole lots.
    expect((await openExits()).map((o) => o.size)).toEqual([3.999, 3.999]);
    desk.trade('SOL/USDT', 98.9, 6, 'sell');
    expect((await openExits()).map((o) => o.size)).toEqual([9.998, 9.998]);
    expect((await snapshot()).openOrders.find((o) => o.clientOrderId === entry.clientOrderId)).toBeUndefined();
  });

  it('is refused whole when its stop puts more at risk than a trade may lose, and nothing is armed', async () => {
    await desk.ok('settings.update', { riskLimits: { riskPerTrade: 0.001 } }); // 100 USDT on 100,000
    sol(100);
    const result = await desk.call('order.place', {
      symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 10,
      stopLoss: { triggerPrice: 80 }, takeProfit: { triggerPrice: 110 },
    });
    expect(!result.ok && result.error.code).toBe('RISK_PER_TRADE');
    expect(!result.ok && result.error.message).toMatch(/risks 200\.\d+ USDT to its stop at 80/);
    const snap = await snapshot();
    expect([snap.openOrders, snap.orderHistory, snap.positions]).toEqual([[], [], []]);
  });

  it('refuses a take-profit below the entry with a sentence', async () => {
    sol(100);
    const result = await desk.call('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1, takeProfit: { triggerPrice: 99 } });
    expect(!result.ok && result.error.message).toBe("A buy's take-profit must be above its entry: 99 is not above the 100.01 the order would fill at.");
  });
});

describe('stop and take-profit orders', () => {
  it('refuses a sell stop above the market: it would fire at once', async () => {
    sol(100);
    await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 10 });
    const result = await desk.call('order.place', { symbol: 'SOL/USDT', side: 'sell', type: 'stop_market', size: 5, triggerPrice: 101, reduceOnly: true });
    expect(!result.ok && result.error.code).toBe('INVALID_ORDER');
    expect(!result.ok && result.error.message).toBe('A sell stop at 101 would fire at once: the market is at 99.99, and it must wait below it. To sell at a better price now, use a limit order.');
  });

  it('turns a stop-limit into a resting limit order when it fires', async () => {
    sol(100);
    await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 10 });
    const stop = await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'sell', type: 'stop_limit', size: 5, triggerPrice: 95, price: 94, reduceOnly: true });
    sol(93); // bids at 92.99 are below the limit: it rests
    const working = (await snapshot()).openOrders.find((o) => o.clientOrderId === stop.clientOrderId);
    expect(working).toMatchObject({ status: 'open', type: 'stop_limit', price: 94 });
    expect(working?.triggeredAt).toBeDefined();
    desk.advance(100);
    desk.trade('SOL/USDT', 94.2, 10, 'buy');
    expect((await fillsOf(stop.clientOrderId)).map((f) => [f.price, f.size, f.liquidity])).toEqual([[94, 5, 'maker']]);
  });

  it('lets a reduce-only stop fire while trading is HALTED', async () => {
    sol(100);
    await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 10 });
    await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'sell', type: 'stop_market', size: 9.995, triggerPrice: 95, reduceOnly: true });
    await desk.ok('risk.halt', { reason: 'lunch' });
    sol(94);
    expect(await solPosition()).toBe(0);
  });

  it('sizes a reduce-only stop down to what is left when it fires', async () => {
    sol(100);
    await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 10 });
    const stop = await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'sell', type: 'stop_market', size: 9.995, triggerPrice: 95, reduceOnly: true });
    await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'sell', type: 'market', size: 4 });
    sol(94);
    expect((await fillsOf(stop.clientOrderId)).map((f) => f.size)).toEqual([5.995]);
    expect(await solPosition()).toBe(0);
  });

  it('refuses a reduce-only order that would not reduce', async () => {
    sol(100);
    const result = await desk.call('order.place', { symbol: 'SOL/USDT', side: 'sell', type: 'stop_market', size: 1, triggerPrice: 95, reduceOnly: true });
    expect(!result.ok && result.error.message).toBe('A reduce-only sell of 1 SOL/USDT would not reduce a position: you hold no position.');
  });

  it('withdraws a position’s exits when Close sells it', async () => {
    sol(100);
    await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 10, stopLoss: { triggerPrice: 95 } });
    await desk.ok('position.close', { symbol: 'SOL/USDT' });
    expect(await openExits()).toEqual([]);
    expect((await snapshot()).orderHistory.find((o) => o.type === 'stop_market')?.reason).toBe('the position it protected is closed');
  });
});

describe('exits found out by the reference model', () => {
  it('cancel what is left of a bracket’s entry the moment a print fires one of its exits', async () => {
    sol(100);
    const entry = await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 10, price: 99, stopLoss: { triggerPrice: 90 }, takeProfit: { triggerPrice: 105 } });
    desk.advance(100);
    desk.trade('SOL/USDT', 99, 4, 'sell');
    desk.trade('SOL/USDT', 106, 1, 'buy'); // fires the take-profit; it goes out with the next book
    desk.trade('SOL/USDT', 98, 6, 'sell'); // would have filled the rest of the entry
    expect((await historyOf(entry.clientOrderId))?.status).toBe('cancelled');
    sol(100);
    expect(await solPosition()).toBeCloseTo(3.9992 - 3.999, 9);
  });

  it('send an exit a print fired before a restart with the first book after it, and refuse to move it meanwhile', async () => {
    sol(100);
    const entry = await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 10, takeProfit: { triggerPrice: 105 } });
    desk.advance(100);
    desk.trade('SOL/USDT', 106, 1, 'buy');
    const moved = await desk.call('order.amend', { clientOrderId: `${entry.clientOrderId}-tp`, triggerPrice: 108 });
    expect(!moved.ok && moved.error.message).toMatch(/has fired: it is going out as it is/);
    await desk.restart();
    sol(99); // below the take-profit: it fired before the restart all the same
    expect((await fillsOf(`${entry.clientOrderId}-tp`)).map((f) => [f.price, f.size])).toEqual([[98.99, 9.995]]);
  });

  it('keep a bracket’s exits at their size across a restart', async () => {
    sol(100);
    const entry = await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 10, stopLoss: { triggerPrice: 90 } });
    await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'sell', type: 'market', size: 5 });
    await desk.restart();
    expect((await openExits()).find((o) => o.clientOrderId === `${entry.clientOrderId}-sl`)?.size).toBe(9.995);
  });

  it('size an exit down by the sells already working, so spot never goes below zero', async () => {
    sol(100);
    const entry = await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 10, stopLoss: { triggerPrice: 95 } });
    await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'sell', type: 'limit', size: 6, price: 120 });
    sol(94);
    expect((await fillsOf(`${entry.clientOrderId}-sl`)).map((f) => f.size)).toEqual([3.995]);
    expect(await solPosition()).toBeCloseTo(6, 9);
  });
});

describe('trailing stops', () => {
  it('follow the best bid up by their distance, never down, and fire on the way back', async () => {
    sol(100);
    await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 10 });
    const trail = await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'sell', type: 'trailing_stop', size: 9.995, trailing: { distance: 2, unit: 'amount' }, reduceOnly: true });
    expect(trail.triggerPrice).toBeCloseTo(97.99, 9);
    sol(105);
    sol(103.5);
    const armed = (await snapshot()).openOrders.find((o) => o.clientOrderId === trail.clientOrderId);
    expect(armed?.triggerPrice).toBeCloseTo(102.99, 9);
    sol(102.5);
    expect((await fillsOf(trail.clientOrderId)).map((f) => f.price)).toEqual([102.49]);
  });

  it('wait for their activation price before they trail', async () => {
    sol(100);
    await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 10 });
    const trail = await desk.ok('order.place', {
      symbol: 'SOL/USDT', side: 'sell', type: 'trailing_stop', size: 9.995, reduceOnly: true,
      trailing: { distance: 1, unit: 'percent', activationPrice: 104 },
    });
    sol(90); // far below, but not armed yet
    expect(await solPosition()).toBeCloseTo(9.995, 9);
    sol(110);
    expect((await snapshot()).openOrders.find((o) => o.clientOrderId === trail.clientOrderId)?.triggerPrice).toBeCloseTo(109.99 * 0.99, 9);
  });
});

describe('OCO pairs on a position', () => {
  it('protects a position with a stop and a take-profit, of which exactly one fires', async () => {
    sol(100);
    await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 10 });
    const [stop, target] = await desk.ok('position.protect', { symbol: 'SOL/USDT', stopLoss: { triggerPrice: 95 }, takeProfit: { triggerPrice: 105 } });
    expect([stop!.ocoGroup, target!.ocoGroup]).toEqual([stop!.clientOrderId, stop!.clientOrderId]);
    desk.advance(100);
    desk.trade('SOL/USDT', 106, 1, 'buy'); // fires the take-profit
    desk.trade('SOL/USDT', 94, 1, 'sell'); // would fire the stop too, but it was withdrawn
    sol(100);
    expect(await fillsOf(stop!.clientOrderId)).toEqual([]);
    expect((await fillsOf(target!.clientOrderId)).map((f) => f.size)).toEqual([9.995]);
    expect(await solPosition()).toBe(0);
  });

  it('is refused whole when one leg is wrong', async () => {
    sol(100);
    await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 10 });
    const result = await desk.call('position.protect', { symbol: 'SOL/USDT', stopLoss: { triggerPrice: 95 }, takeProfit: { triggerPrice: 99 } });
    expect(!result.ok && result.error.message).toMatch(/sell take-profit at 99 would fire at once/);
    expect(await openExits()).toEqual([]);
  });

  it('moves a stop when the trader drags it, with the same checks as placing it', async () => {
    sol(100);
    await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 10 });
    const [stop] = await desk.ok('position.protect', { symbol: 'SOL/USDT', stopLoss: { triggerPrice: 95 } });
    expect((await desk.ok('order.amend', { clientOrderId: stop!.clientOrderId, triggerPrice: 97 })).triggerPrice).toBe(97);
    const tooHigh = await desk.call('order.amend', { clientOrderId: stop!.clientOrderId, triggerPrice: 100.5 });
    expect(!tooHigh.ok && tooHigh.error.code).toBe('INVALID_ORDER');
    sol(96.9);
    expect(await solPosition()).toBe(0);
  });
});

describe('exits across a restart', () => {
  it('are armed again with their trailed trigger, and one the market gapped through while closed fires on the first book with a note', async () => {
    sol(100);
    await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 10 });
    const trail = await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'sell', type: 'trailing_stop', size: 9.995, trailing: { distance: 2, unit: 'amount' }, reduceOnly: true });
    sol(104);
    await desk.restart();
    const armed = (await snapshot()).openOrders.find((o) => o.clientOrderId === trail.clientOrderId);
    expect(armed).toMatchObject({ status: 'open', heldBy: 'desk', triggerPrice: 101.99 });
    desk.advance(60_000);
    sol(99);
    expect((await fillsOf(trail.clientOrderId)).map((f) => f.price)).toEqual([98.99]);
    expect((await logs()).some((m) => /fired on the first price since the desk started: the market was already at 98\.99, past the trigger/.test(m))).toBe(true);
  });

  it('takes up an exit that was journaled but not yet armed when the desk stopped', async () => {
    sol(100);
    await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 10 });
    await desk.restart(() => {
      const journal = new FileJournal(join(desk.dir, 'paper.sqlite'));
      journal.upsertOrder({
        clientOrderId: 'hd-kill-1', id: '', symbol: 'SOL/USDT', side: 'sell', type: 'stop_market', size: 9.995, triggerPrice: 95,
        reduceOnly: true, heldBy: 'desk', source: 'manual', ts: desk.now(), status: 'pending', filled: 0, avgFillPrice: 0, fees: 0, updatedAt: desk.now(),
      });
      journal.close();
    });
    expect((await snapshot()).openOrders.find((o) => o.clientOrderId === 'hd-kill-1')?.status).toBe('open');
    sol(94);
    expect((await fillsOf('hd-kill-1')).map((f) => f.size)).toEqual([9.995]);
  });

  it('sends one order of an OCO pair after a crash that caught one fired and the other still armed', async () => {
    sol(100);
    const entry = await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 10, stopLoss: { triggerPrice: 95 }, takeProfit: { triggerPrice: 105 } });
    const [stop] = await openExits();
    await desk.restart(() => {
      const journal = new FileJournal(join(desk.dir, 'paper.sqlite'));
      journal.upsertOrder({ ...stop!, id: '', triggeredAt: desk.now() }); // the stop's fired write landed; the kill came before the rest
      journal.close();
    });
    sol(106); // would fire the take-profit, were it still armed
    expect((await fillsOf(`${entry.clientOrderId}-sl`)).map((f) => f.size)).toEqual([9.995]);
    expect(await fillsOf(`${entry.clientOrderId}-tp`)).toEqual([]);
    expect((await historyOf(`${entry.clientOrderId}-tp`))?.reason).toBe('the other order of its OCO pair fired before the restart');
  });

  it('keeps a fired exit from firing twice', async () => {
    sol(100);
    const entry = await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 10, stopLoss: { triggerPrice: 95 } });
    sol(94);
    await desk.restart();
    sol(93);
    expect(await fillsOf(`${entry.clientOrderId}-sl`)).toHaveLength(1);
    expect((await snapshot()).openOrders).toEqual([]);
  });
});

describe('time in force and post-only', () => {
  it('cancels what an IOC limit cannot take at once, and an FOK the book cannot fill whole', async () => {
    sol(100, 5);
    const ioc = await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 12, price: 100.11, timeInForce: 'IOC' });
    expect(await historyOf(ioc.clientOrderId)).toMatchObject({ status: 'cancelled', filled: 10 });
    sol(100, 5);
    const fok = await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'sell', type: 'limit', size: 8, price: 99.99, timeInForce: 'FOK' });
    expect(await historyOf(fok.clientOrderId)).toMatchObject({ status: 'cancelled', filled: 0 });
  });

  it('rejects a post-only limit that would take, and rests one that would not', async () => {
    sol(100);
    const taking = await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 1, price: 100.01, postOnly: true });
    expect((await historyOf(taking.clientOrderId))?.status).toBe('rejected');
    const resting = await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 1, price: 99.5, postOnly: true });
    expect((await snapshot()).openOrders.find((o) => o.clientOrderId === resting.clientOrderId)?.status).toBe('open');
  });
});

/** The desk again with SOL on a margin market, quoted around 100. */
async function marginDesk(): Promise<void> {
  await desk.close();
  const margin = { symbol: 'SOL/USDT', base: 'SOL', quote: 'USDT', market: 'margin' as const, tickSize: 0.01, lotSize: 0.001, minSize: 0.01, minNotional: 5, makerFee: 0.0002, takerFee: 0.0005 };
  desk = await openContractDesk({ symbols: [margin] });
  await desk.ok('settings.update', { riskLimits: { riskPerTrade: 0.05, maxPositionValue: 50_000, noDuplicatePosition: false } });
  desk.advance(100);
  desk.book('SOL/USDT', [[99.99, 500]], [[100.01, 500]]);
}

describe('a bracket on a margin market whose position flips', () => {
  it('withdraws the long’s stop when a sell turns the position short, and keeps the short’s own', async () => {
    await marginDesk();
    const long = await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 10, stopLoss: { triggerPrice: 95 } });
    expect((await openExits()).map((o) => [o.clientOrderId, o.side])).toEqual([[`${long.clientOrderId}-sl`, 'sell']]);

    // Sell 20: the 10 long are closed and a 10 short opened, with a stop of its own above.
    const short = await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'sell', type: 'market', size: 20, stopLoss: { triggerPrice: 105 } });
    expect(await solPosition()).toBeCloseTo(-10, 9);
    expect((await openExits()).map((o) => [o.clientOrderId, o.side])).toEqual([[`${short.clientOrderId}-sl`, 'buy']]);
    const withdrawn = await historyOf(`${long.clientOrderId}-sl`);
    expect([withdrawn?.status, withdrawn?.reason]).toEqual(['cancelled', 'the position it protected flipped to the other side']);
  });

  it('does not arm, after a restart, the exits of an old entry that had nothing to protect when it filled', async () => {
    await marginDesk();
    await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 10 });
    // A sell with a take-profit that only trims the long: there is no short for its exit to buy back.
    const trim = await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'sell', type: 'market', size: 5, takeProfit: { triggerPrice: 90 } });
    expect(await openExits()).toEqual([]);
    // Later orders take the position short; the trim's exit was never armed and must not be now.
    await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'sell', type: 'market', size: 10 });
    expect(await solPosition()).toBeCloseTo(-5, 9);
    await desk.restart();
    expect(await openExits()).toEqual([]);
    expect(await historyOf(`${trim.clientOrderId}-tp`)).toBeUndefined();
  });
});
