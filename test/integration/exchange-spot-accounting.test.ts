// A live session on the Binance simulator, which takes each buy's fee in the BTC bought, as Binance
// spot does: after buys, sells, a Close and the kill switch, the desk holds exactly what the exchange
// account holds, and the kill switch leaves nothing but dust no order can sell.
import { afterEach, describe, expect, it } from 'vitest';
import { Harness, heldAt, marketAt60k, orderIn, placeLimit, positionSize, SYMBOL, waitFor, type ExchangeSession } from './exchange-harness.ts';
import type { BinanceSim } from '../support/exchange-sim/binance-sim.ts';

let h: Harness;
afterEach(async () => {
  await h.close();
});

/** The desk's BTC and USDT are the exchange account's, free and locked, to the 8 decimals it keeps. */
async function expectDeskHoldsWhatTheExchangeHolds(s: ExchangeSession, sim: BinanceSim, what: string): Promise<void> {
  await waitFor(`the desk to hold the exchange's BTC after ${what}`, () => Math.abs(positionSize(s) - heldAt(sim, 'BTC')) < 1e-9);
  expect(s.engine.snapshot().account.cash, what).toBeCloseTo(heldAt(sim, 'USDT'), 6);
}

function marketOrder(s: ExchangeSession, side: 'buy' | 'sell', size: number): string {
  const outcome = s.engine.placeOrder({ symbol: SYMBOL, side, type: 'market', size });
  if (!outcome.ok) throw new Error(`${outcome.denial.code}: ${outcome.denial.message}`);
  return outcome.order.clientOrderId;
}

describe('a live spot account with fees taken in the coin bought', () => {
  it('holds what the exchange holds through buys, sells, Close and the kill switch, which leaves only dust', async () => {
    h = new Harness();
    const sim = await h.sim({ balances: { USDT: 50_000, BTC: 0.2 } });
    const s = await h.session(sim, 'live');
    await marketAt60k(sim, s);
    // The 0.2 BTC the account already held is part of the position, counted at the mark (cost unknown).
    expect(s.engine.snapshot().positions[0]).toMatchObject({ size: 0.2, importedAtMark: true });
    await expectDeskHoldsWhatTheExchangeHolds(s, sim, 'the import');

    const bought = marketOrder(s, 'buy', 0.0123);
    await waitFor('the market buy to fill', () => orderIn(s, bought)?.status === 'filled');
    // 0.0123 bought, 0.0000123 of it kept by the exchange as its fee.
    expect(positionSize(s)).toBeCloseTo(0.2 + 0.0123 * 0.999, 10);
    await expectDeskHoldsWhatTheExchangeHolds(s, sim, 'a market buy');

    const resting = placeLimit(s, 'buy', 0.01, 59_950);
    await waitFor('the limit buy to rest', () => orderIn(s, resting.clientOrderId)?.status === 'open');
    sim.printTrade('BTCUSDT', 59_950, 0.004, 'SELL');
    sim.printTrade('BTCUSDT', 59_940, 0.02, 'SELL');
    await waitFor('the limit buy to fill in two prints', () => orderIn(s, resting.clientOrderId)?.status === 'filled');
    await expectDeskHoldsWhatTheExchangeHolds(s, sim, 'a resting buy filled as maker');

    const sold = marketOrder(s, 'sell', 0.05);
    await waitFor('the market sell to fill', () => orderIn(s, sold)?.status === 'filled');
    await expectDeskHoldsWhatTheExchangeHolds(s, sim, 'a sell, its fee taken in USDT');

    // A size the exchange would truncate is refused, naming the size it takes.
    const fine = s.engine.placeOrder({ symbol: SYMBOL, side: 'buy', type: 'market', size: 0.000156 });
    expect(!fine.ok && fine.denial).toEqual({ code: 'INVALID_ORDER', message: 'Size 0.000156 is finer than the exchange takes for BTC/USDT; use 0.00015.' });

    const closing = s.engine.closePosition(SYMBOL);
    expect(closing?.ok).toBe(true);
    await waitFor('the Close to fill', () => closing?.ok === true && orderIn(s, closing.order.clientOrderId)?.status === 'filled');
    await expectDeskHoldsWhatTheExchangeHolds(s, sim, 'Close');
    const afterClose = s.engine.snapshot().positions.find((p) => p.symbol === SYMBOL);
    expect(afterClose === undefined || afterClose.dust).toBe(true);
    expect(heldAt(sim, 'BTC')).toBeLessThan(0.00001);

    const again = marketOrder(s, 'buy', 0.0317);
    await waitFor('the next buy to fill', () => orderIn(s, again)?.status === 'filled');
    const offered = placeLimit(s, 'sell', 0.01, 61_000);
    await waitFor('a sell to rest', () => orderIn(s, offered.clientOrderId)?.status === 'open');
    const report = s.engine.killSwitch();
    expect(report.cancelled).toBe(1);
    await waitFor('the kill switch to flatten the position', () => s.engine.snapshot().openOrders.length === 0 && (s.engine.snapshot().positions[0]?.dust ?? true));
    await expectDeskHoldsWhatTheExchangeHolds(s, sim, 'the kill switch');
    const left = heldAt(sim, 'BTC');
    expect(left).toBeLessThan(0.0001); // below the 0.0001 BTC minimum order: dust
    expect(s.engine.snapshot().positions.every((p) => p.dust)).toBe(true);
    expect(s.engine.snapshot().risk).toMatchObject({ state: 'HALTED', reasonCode: 'KILL_SWITCH' });
    // Nothing the exchange holds needed a correction: every change came from a fill the desk journaled.
    expect(s.journal.load(100).adjustments.map((a) => a.asset)).toEqual(['BTC']);
  });
});
