import { describe, expect, it } from 'vitest';
import { BTC, order } from '../../store/test-fixtures.ts';
import { checkTicket, describeOrder, describeRejection, EMPTY_TICKET, exitPrice, riskReward, type TicketForm } from './ticket-form.ts';

const form = (changes: Partial<TicketForm>): TicketForm => ({ ...EMPTY_TICKET, ...changes });
const check = (changes: Partial<TicketForm>, entry = 65_000) => checkTicket(form(changes), 'BTC/USDT', BTC, entry);

describe('checkTicket', () => {
  it('builds a market order without a price', () => {
    expect(check({ size: '0.5', price: '123' })).toEqual({
      ok: true,
      request: { command: 'order.place', request: { symbol: 'BTC/USDT', side: 'buy', type: 'market', size: 0.5 } },
    });
  });

  it('builds a limit order, reading thousands separators, with its time in force and post-only', () => {
    expect(check({ tab: 'limit', side: 'sell', size: '1', price: '65,000.5', timeInForce: 'IOC' })).toEqual({
      ok: true,
      request: { command: 'order.place', request: { symbol: 'BTC/USDT', side: 'sell', type: 'limit', size: 1, price: 65000.5, timeInForce: 'IOC' } },
    });
    expect(check({ tab: 'limit', size: '1', price: '64000', postOnly: true })).toMatchObject({ ok: true, request: { request: { postOnly: true } } });
  });

  it('attaches a stop-loss and a take-profit, as prices or as percent from the entry', () => {
    expect(check({ size: '1', stopLoss: '2%', takeProfit: '66,300' }, 65_000.01)).toMatchObject({
      ok: true,
      request: { request: { type: 'market', stopLoss: { triggerPrice: 63_700 }, takeProfit: { triggerPrice: 66_300 } } },
    });
  });

  it('builds a stop-limit, a take-profit and a trailing stop from the Stop tab, reduce-only by default', () => {
    expect(check({ tab: 'stop', side: 'sell', size: '1', trigger: '60000', price: '59900' })).toMatchObject({
      ok: true,
      request: { request: { type: 'stop_limit', triggerPrice: 60_000, price: 59_900, reduceOnly: true } },
    });
    expect(check({ tab: 'stop', side: 'sell', size: '1', stopKind: 'take_profit', trigger: '70000', reduceOnly: false })).toEqual({
      ok: true,
      request: { command: 'order.place', request: { symbol: 'BTC/USDT', side: 'sell', type: 'take_profit_market', size: 1, triggerPrice: 70_000 } },
    });
    expect(check({ tab: 'stop', side: 'sell', size: '1', stopKind: 'trailing', trigger: '1.5%' })).toMatchObject({
      ok: true,
      request: { request: { type: 'trailing_stop', trailing: { distance: 1.5, unit: 'percent' } } },
    });
  });

  it('builds an OCO on the position from its two prices, the size left to the position', () => {
    expect(check({ tab: 'oco', stopLoss: '60000', takeProfit: '70000' })).toEqual({
      ok: true,
      request: { command: 'position.protect', request: { symbol: 'BTC/USDT', stopLoss: { triggerPrice: 60_000 }, takeProfit: { triggerPrice: 70_000, price: 70_000 } } },
    });
    expect(check({ tab: 'oco', stopLoss: '60000' })).toEqual({ ok: false, message: 'An OCO needs both a stop-loss and a take-profit.' });
  });

  it('asks for a size, a limit price, a trigger and readable exits', () => {
    expect(check({})).toEqual({ ok: false, message: 'Enter a size.' });
    expect(check({ tab: 'limit', size: '1' })).toEqual({ ok: false, message: 'A limit order needs a price.' });
    expect(check({ tab: 'stop', size: '1' })).toEqual({ ok: false, message: 'A stop needs a trigger price.' });
    expect(check({ size: '1', stopLoss: 'x%' })).toEqual({ ok: false, message: 'A stop-loss or take-profit is a price or a percent such as 1.5%.' });
  });

  it('reports values the contract refuses', () => {
    expect(check({ size: 'abc' })).toEqual({ ok: false, message: 'Size is not a number.' });
    expect(check({ size: '-1' })).toEqual({ ok: false, message: 'Size must be greater than 0.' });
  });

  it('checks the symbol minimum, lot size and tick size, triggers included', () => {
    expect(check({ size: '0.00001' })).toMatchObject({ ok: false, message: expect.stringMatching(/minimum of 0.00010/) });
    expect(check({ size: '0.000123' })).toMatchObject({ ok: false, message: expect.stringMatching(/lot size/) });
    expect(check({ tab: 'limit', size: '1', price: '100.005' })).toMatchObject({ ok: false, message: expect.stringMatching(/tick size 0.01/) });
    expect(check({ tab: 'stop', size: '1', trigger: '100.005' })).toMatchObject({ ok: false, message: expect.stringMatching(/tick size 0.01/) });
  });
});

describe('exit prices and the trade’s odds', () => {
  it('put a long’s percent stop below the entry and its target above, rounded away from it', () => {
    expect(exitPrice('1%', 100.05, 'buy', 'stopLoss', 0.01)).toBe(99.04);
    expect(exitPrice('1%', 100.05, 'buy', 'takeProfit', 0.01)).toBe(101.06);
    expect(exitPrice('1%', 100, 'sell', 'stopLoss', 0.01)).toBe(101);
    expect(exitPrice('', 100, 'buy', 'stopLoss', 0.01)).toBeUndefined();
  });

  it('show what the trade risks to its stop and makes at its target', () => {
    expect(riskReward('buy', 2, 100, 95, 115)).toEqual({ risk: 10, reward: 30, ratio: 3 });
    expect(riskReward('sell', 1, 100, 104, undefined)).toEqual({ risk: 4, reward: null, ratio: null });
  });
});

describe('ticket messages', () => {
  it('leads a risk denial with its reason code', () => {
    expect(describeRejection({ code: 'MAX_POSITION_SIZE', message: 'Position would be 30,000 USDT, over the 25,000 USDT limit' })).toBe(
      'MAX_POSITION_SIZE: Position would be 30,000 USDT, over the 25,000 USDT limit',
    );
  });

  it('lists the issues of an invalid payload', () => {
    expect(describeRejection({ code: 'INVALID_PAYLOAD', message: 'Invalid order', issues: ['size: must be greater than 0'] })).toBe(
      'Invalid order: size: must be greater than 0',
    );
  });

  it('names the order and its status on success', () => {
    expect(describeOrder(order('c1', { status: 'filled', size: 0.5 }), 0.001)).toBe('Filled: buy 0.500 BTC/USDT · order venue-c1');
  });
});
