import { describe, expect, it } from 'vitest';
import { BTC, order } from '../../store/test-fixtures.ts';
import { checkTicket, describeOrder, describeRejection, type TicketForm } from './ticket-form.ts';

const form = (changes: Partial<TicketForm>): TicketForm => ({ side: 'buy', type: 'market', size: '', price: '', ...changes });

describe('checkTicket', () => {
  it('builds a market order without a price', () => {
    expect(checkTicket(form({ size: '0.5', price: '123' }), 'BTC/USDT', BTC)).toEqual({
      ok: true,
      request: { symbol: 'BTC/USDT', side: 'buy', type: 'market', size: 0.5 },
    });
  });

  it('builds a limit order, reading thousands separators', () => {
    const check = checkTicket(form({ type: 'limit', side: 'sell', size: '1', price: '65,000.5' }), 'BTC/USDT', BTC);
    expect(check).toEqual({ ok: true, request: { symbol: 'BTC/USDT', side: 'sell', type: 'limit', size: 1, price: 65000.5 } });
  });

  it('asks for a size and for a limit price', () => {
    expect(checkTicket(form({}), 'BTC/USDT', BTC)).toEqual({ ok: false, message: 'Enter a size.' });
    expect(checkTicket(form({ type: 'limit', size: '1' }), 'BTC/USDT', BTC)).toEqual({
      ok: false,
      message: 'A limit order needs a price.',
    });
  });

  it('reports values the contract refuses', () => {
    expect(checkTicket(form({ size: 'abc' }), 'BTC/USDT', BTC)).toEqual({ ok: false, message: 'Size is not a number.' });
    expect(checkTicket(form({ size: '-1' }), 'BTC/USDT', BTC)).toEqual({ ok: false, message: 'Size must be greater than 0.' });
  });

  it('checks the symbol minimum, lot size and tick size', () => {
    expect(checkTicket(form({ size: '0.00001' }), 'BTC/USDT', BTC)).toMatchObject({ ok: false, message: expect.stringMatching(/minimum of 0.00010/) });
    expect(checkTicket(form({ size: '0.000123' }), 'BTC/USDT', BTC)).toMatchObject({ ok: false, message: expect.stringMatching(/lot size/) });
    expect(checkTicket(form({ type: 'limit', size: '1', price: '100.005' }), 'BTC/USDT', BTC)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/tick size 0.01/),
    });
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
