// The Settings page's view of exchanges: the list, "test keys", and opening a desk with clear errors.
import { afterEach, describe, expect, it } from 'vitest';
import { createCcxtGateway } from '../../src/main/adapters/ccxt/ccxt-gateway.ts';
import { Harness, simGateway } from './exchange-harness.ts';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('ccxt gateway', () => {
  it('lists every ccxt exchange by name with websockets, testnet and passphrase needs, once', async () => {
    const gateway = createCcxtGateway({ log: () => {} });
    const list = await gateway.list();
    expect(list.length).toBeGreaterThan(90);
    expect(list.find((e) => e.id === 'binance')).toEqual({ id: 'binance', name: 'Binance', websockets: true, testnet: true, needsPassword: false });
    expect(list.find((e) => e.id === 'okx')?.needsPassword).toBe(true);
    const names = list.map((e) => e.name.toLowerCase());
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    expect(await gateway.list()).toBe(list);
  });

  it('reports the non-zero balances when the keys work', async () => {
    h = new Harness();
    const sim = await h.sim({ balances: { USDT: 2_500, BTC: 0.25, ETH: 0 } });
    const result = await simGateway(sim, []).testConnection({ id: 'binance', testnet: false }, { apiKey: sim.apiKey, secret: sim.secret });
    expect(result.ok).toBe(true);
    expect(result.message).toMatch(/^Connected to Binance/);
    expect(result.balances).toEqual([
      { asset: 'BTC', free: 0.25, total: 0.25 },
      { asset: 'USDT', free: 2_500, total: 2_500 },
    ]);
  });

  it('explains a wrong secret as a bad key without repeating the secret', async () => {
    h = new Harness();
    const sim = await h.sim();
    const wrong = 'not-the-real-secret-0123456789';
    const result = await simGateway(sim, []).testConnection({ id: 'binance', testnet: false }, { apiKey: sim.apiKey, secret: wrong });
    expect(result).toMatchObject({ ok: false, problem: 'BAD_KEY' });
    expect(result.message).toMatch(/^The exchange rejected the API key or secret\./);
    expect(result.message).not.toContain(wrong);
  });

  it("blames the computer's clock when the exchange refuses the timestamp", async () => {
    h = new Harness();
    const sim = await h.sim();
    sim.fault.clockSkewMs(60_000);
    const result = await simGateway(sim, []).testConnection({ id: 'binance', testnet: false }, { apiKey: sim.apiKey, secret: sim.secret });
    expect(result).toMatchObject({ ok: false, problem: 'CLOCK_SKEW' });
    expect(result.message).toMatch(/computer's clock/);
  });

  it('tells a rate limit and an unreachable exchange apart', async () => {
    h = new Harness();
    const sim = await h.sim();
    const gateway = simGateway(sim, []);
    const credentials = { apiKey: sim.apiKey, secret: sim.secret };
    sim.fault.rateLimit(5, 418);
    expect(await gateway.testConnection({ id: 'binance', testnet: false }, credentials)).toMatchObject({ ok: false, problem: 'RATE_LIMIT' });
    await sim.close();
    expect(await gateway.testConnection({ id: 'binance', testnet: false }, credentials)).toMatchObject({ ok: false, problem: 'NETWORK' });
  });

  it('refuses to open a desk on a symbol the exchange does not list, naming it', async () => {
    h = new Harness();
    const sim = await h.sim();
    const open = simGateway(sim, []).openDesk({
      mode: 'live',
      exchange: { id: 'binance', testnet: false, symbols: ['BTC/USDT', 'DOGE/USDT'] },
      credentials: { apiKey: sim.apiKey, secret: sim.secret },
      log: () => {},
    });
    await expect(open).rejects.toThrow(/Binance has no market DOGE\/USDT/);
  });

  it("opens a testnet desk with its own journal, the quote balance as capital and the exchange's symbol rules", async () => {
    h = new Harness();
    const sim = await h.sim({ balances: { USDT: 12_345, BTC: 1 } });
    const desk = await simGateway(sim, []).openDesk({
      mode: 'shadow',
      exchange: { id: 'binance', testnet: true, symbols: ['BTC/USDT', 'ETH/USDT'] },
      credentials: { apiKey: sim.apiKey, secret: sim.secret },
      log: () => {},
    });
    try {
      expect(desk.journalFile).toBe('shadow-binance-testnet.sqlite');
      expect(desk.startingCapital).toBe(12_345);
      expect(desk.feed.source).toBe('binance');
      expect(desk.feed.symbols()[0]).toEqual({ symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', market: 'spot', tickSize: 0.01, lotSize: 0.00001, minSize: 0.0001, minNotional: 5, makerFee: 0.001, takerFee: 0.001 });
      expect(desk.broker.mode).toBe('shadow');
    } finally {
      await desk.close();
    }
  });

  it('opens a shadow desk on public market data alone when no keys are stored, with a simulated account, and refuses live without keys', async () => {
    h = new Harness();
    const sim = await h.sim({ balances: { USDT: 12_345, BTC: 1 } });
    const lines: string[] = [];
    const exchange = { id: 'binance', testnet: false, symbols: ['BTC/USDT'] };
    const desk = await simGateway(sim, []).openDesk({ mode: 'shadow', exchange, credentials: null, startingCapital: 50_000, log: (line) => void lines.push(line) });
    try {
      expect(desk.startingCapital).toBe(50_000);
      expect(desk.broker.mode).toBe('shadow');
      expect(desk.feed.symbols().map((s) => s.symbol)).toEqual(['BTC/USDT']);
      expect(lines.join('\n')).toMatch(/No API keys for Binance: shadow runs on its public market data; the account is a simulated 50000 USDT \(reading the real balances needs keys\)\./);
    } finally {
      await desk.close();
    }
    await expect(simGateway(sim, []).openDesk({ mode: 'live', exchange, credentials: null, startingCapital: 50_000, log: () => {} })).rejects.toThrow('Live trading on binance needs API keys: enter them in Settings.');
  });
});
