// HALTED, the kill switch and Close as a trader drives them through the public contract.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BookLevel } from '../../src/shared/market.ts';
import { openContractDesk, type ContractDesk } from '../support/contract-desk.ts';

let desk: ContractDesk;
beforeEach(async () => {
  desk = await openContractDesk();
});
afterEach(async () => {
  await desk.close();
});

const bids = (top: number, size: number): BookLevel[] => [0, 1, 2].map((i) => [top - i * 10, size]);
const asks = (top: number, size: number): BookLevel[] => [0, 1, 2].map((i) => [top + i * 10, size]);

/** Both symbols quoted, BTC around 60,000 with `depth` BTC on each of three levels a side. */
function market(depth: number): void {
  desk.advance(100);
  desk.book('BTC/USDT', bids(60_000, depth), asks(60_010, depth));
  desk.book('SOL/USDT', [[149.99, 500]], [[150.01, 500]]);
}

const btc = async () => (await desk.snapshot()).positions.find((p) => p.symbol === 'BTC/USDT');

describe('the trading state', () => {
  it('stays HALTED through any settings change on an account with no fills; only resume lifts it', async () => {
    market(5);
    await desk.ok('risk.halt', { reason: 'checking' });
    await desk.ok('settings.update', { simSpeed: 2 });
    await desk.ok('settings.update', { startingCapital: 50_000, riskLimits: { maxPositionValue: 10_000 } });
    const snap = await desk.snapshot();
    expect(snap.risk.state).toBe('HALTED');
    expect(snap.account.startingCapital).toBe(50_000);
    await desk.ok('risk.resume', {});
    expect((await desk.snapshot()).risk.state).toBe('ACTIVE');
  });

  it('keeps the kill switch halt through settings changes too', async () => {
    market(5);
    await desk.ok('risk.killSwitch', {});
    await desk.ok('settings.update', { simSpeed: 5 });
    expect((await desk.snapshot()).risk).toMatchObject({ state: 'HALTED', reasonCode: 'KILL_SWITCH' });
  });

  it('leaves HALTED on an account reset only when the trader confirms it', async () => {
    market(5);
    await desk.ok('risk.halt', {});
    const unconfirmed = await desk.call('account.reset', {} as never);
    expect(!unconfirmed.ok && unconfirmed.error.code).toBe('INVALID_PAYLOAD');
    expect((await desk.snapshot()).risk.state).toBe('HALTED');
    await desk.ok('account.reset', { confirm: true });
    expect((await desk.snapshot()).risk.state).toBe('ACTIVE');
  });

  it('lets the trader close a position and reduce it while HALTED, and nothing else', async () => {
    market(5);
    await desk.ok('order.place', { symbol: 'BTC/USDT', side: 'buy', type: 'market', size: 0.3 });
    await desk.ok('risk.halt', {});
    const adding = await desk.call('order.place', { symbol: 'BTC/USDT', side: 'buy', type: 'market', size: 0.1 });
    expect(!adding.ok && adding.error.code).toBe('TRADING_HALTED');
    await desk.ok('order.place', { symbol: 'BTC/USDT', side: 'sell', type: 'limit', size: 0.1, price: 60_000 });
    const closed = await desk.ok('position.close', { symbol: 'BTC/USDT' });
    // 0.3 bought with 0.05% taken in BTC leaves 0.29985; 0.1 sold; Close sells the 0.19985 left.
    expect(closed).toMatchObject({ side: 'sell', size: 0.19985, status: 'filled' });
    expect(await btc()).toBeUndefined();
    expect((await desk.snapshot()).risk.state).toBe('HALTED');
  });
});

describe('the kill switch', () => {
  it('keeps selling what a thin book could not absorb on the following books until flat, and says what is left', async () => {
    await desk.ok('settings.update', { startingCapital: 10_000_000, riskLimits: { maxPositionValue: 1e9, maxGrossExposure: 10, riskPerTrade: 1, noDuplicatePosition: false } });
    market(30);
    for (let i = 0; i < 4; i++) {
      market(30);
      await desk.ok('order.place', { symbol: 'BTC/USDT', side: 'buy', type: 'market', size: 20 });
    }
    const held = (await btc())!.size;
    expect(held).toBeCloseTo(80 * (1 - 0.0005), 9);

    market(10); // 30 BTC of bids: not enough for 79.96
    const report = await desk.ok('risk.killSwitch', {});
    expect(report.closed).toBe(0);
    expect(report.remaining).toEqual([
      { symbol: 'BTC/USDT', size: expect.closeTo(49.96, 9), reason: 'The book absorbed 30 of 79.96; the other 49.96 BTC is sold on each new book until flat.' },
    ]);
    const afterFirst = (await btc())!.size;
    expect(afterFirst).toBeCloseTo(held - 30, 9);

    market(10);
    expect((await btc())!.size).toBeCloseTo(held - 60, 9);
    market(10);
    expect(await btc()).toBeUndefined();
    const snap = await desk.snapshot();
    expect(snap.risk).toMatchObject({ state: 'HALTED', reasonCode: 'KILL_SWITCH' });
    expect(snap.orderHistory.filter((o) => o.source === 'kill-switch').map((o) => o.filled)).toEqual([19.96, 30, 30]);
  });

  it('leaves dust below the minimum order alone and says so', async () => {
    market(5);
    // 0.0002 bought leaves 0.0001999 after the fee in BTC; selling 0.0001 leaves 0.0000999: below the 0.0001 minimum.
    await desk.ok('order.place', { symbol: 'BTC/USDT', side: 'buy', type: 'market', size: 0.0002 });
    await desk.ok('order.place', { symbol: 'BTC/USDT', side: 'sell', type: 'market', size: 0.0001 });
    const dust = (await btc())!;
    expect(dust).toMatchObject({ dust: true });
    const report = await desk.ok('risk.killSwitch', {});
    expect(report).toEqual({
      cancelled: 0,
      closed: 0,
      remaining: [{ symbol: 'BTC/USDT', size: dust.size, reason: '0.0000999 BTC is dust: below the minimum order of 0.0001 BTC or 5 USDT, no order can sell it.' }],
      strategiesStopped: 0,
    });
    expect((await desk.snapshot()).orderHistory.filter((o) => o.source === 'kill-switch')).toEqual([]);
  });
});
