// Closed trades as a trader reads them through the public contract, checked against the exchange's own
// arithmetic (fees in the asset received, as on Binance spot) worked out by hand, and against the cash
// the account holds: a round trip made what it moved in cash, and a restart does not change it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openContractDesk, type ContractDesk } from '../support/contract-desk.ts';

let desk: ContractDesk;
beforeEach(async () => {
  desk = await openContractDesk();
});
afterEach(async () => {
  await desk.close();
});

function quote(symbol: string, bid: number, ask: number): void {
  desk.advance(1_000);
  desk.book(symbol, [[bid, 100]], [[ask, 100]]);
}

describe('closed trades', () => {
  it('lists a spot round trip with what it made net of both fees, the buy fee taken in BTC', async () => {
    quote('BTC/USDT', 99, 100);
    const opened = desk.now();
    await desk.ok('order.place', { symbol: 'BTC/USDT', side: 'buy', type: 'market', size: 0.1 });
    expect((await desk.snapshot()).closedTrades).toEqual([]);
    quote('BTC/USDT', 110, 111);
    const cashBefore = (await desk.snapshot()).account.cash;
    await desk.ok('position.close', { symbol: 'BTC/USDT' });
    const after = await desk.snapshot();

    // Bought 0.1 at 100 paying 0.05% in BTC: 0.09995 held, sold at 110 paying 0.05% of the USDT received.
    const received = 0.09995 * 110 * (1 - 0.0005);
    expect(after.closedTrades).toHaveLength(1);
    const [trade] = after.closedTrades;
    expect(trade).toMatchObject({ symbol: 'BTC/USDT', side: 'long', entryTs: opened, exitTs: desk.now(), entryPrice: 100, exitPrice: 110 });
    expect(trade!.size).toBeCloseTo(0.1, 12);
    expect(trade!.pnl).toBeCloseTo(received - 10, 9);
    expect(trade!.fees).toBeCloseTo(0.00005 * 100 + 0.09995 * 110 * 0.0005, 9);
    // The second opinion of the account itself: the sale brought in what the trip made plus what the buy cost.
    expect(after.account.cash - cashBefore).toBeCloseTo(received, 9);
    expect(after.positions.filter((p) => p.symbol === 'BTC/USDT')).toEqual([]);
  });

  it('keeps the list, newest first across symbols, through a restart', async () => {
    quote('BTC/USDT', 99, 100);
    quote('SOL/USDT', 149.99, 150.01);
    await desk.ok('order.place', { symbol: 'BTC/USDT', side: 'buy', type: 'market', size: 0.1 });
    await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1 });
    quote('BTC/USDT', 95, 96);
    await desk.ok('position.close', { symbol: 'BTC/USDT' });
    quote('SOL/USDT', 155, 155.02);
    await desk.ok('position.close', { symbol: 'SOL/USDT' });
    const before = (await desk.snapshot()).closedTrades;
    expect(before.map((t) => [t.symbol, Math.sign(t.pnl)])).toEqual([
      ['SOL/USDT', 1],
      ['BTC/USDT', -1],
    ]);

    await desk.restart();
    expect((await desk.snapshot()).closedTrades).toEqual(before);
  });

  it('leaves a position that is still open out of the list until it is sold', async () => {
    quote('SOL/USDT', 149.99, 150.01);
    await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 2 });
    quote('SOL/USDT', 151, 151.02);
    await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'sell', type: 'market', size: 1 });
    expect((await desk.snapshot()).closedTrades).toEqual([]);
  });
});
