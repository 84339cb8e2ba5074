import { describe, expect, it } from 'vitest';
import { baseOf, quoteOf } from './symbols.ts';

describe('symbol assets', () => {
  it('takes the base and quote currency from spot and perpetual symbols', () => {
    expect([baseOf('BTC/USDT'), quoteOf('BTC/USDT')]).toEqual(['BTC', 'USDT']);
    expect([baseOf('BTC/USDT:USDT'), quoteOf('BTC/USDT:USDT')]).toEqual(['BTC', 'USDT']);
    expect(quoteOf('BTCUSDT')).toBe('in quote currency');
  });
});
