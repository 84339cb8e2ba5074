import { describe, expect, it } from 'vitest';
import { datasetIdentity } from './dataset-name.ts';
import { candlesFrom, kindOf, tradesFrom } from './dataset-rows.ts';
import { parseCsv, parseJson } from './parse-table.ts';

const HEADER = '# symbol=BTC/USDT timeframe=1m\ntimestamp,open,high,low,close,volume\n';
const candles = (body: string) => candlesFrom(parseCsv(HEADER + body), 'BTC/USDT', '1m');

describe('dataset rows', () => {
  it('reads millisecond and ISO timestamps to the same candles', () => {
    const fromMs = candles('1714521600000,100,101,99,100.5,2.5\n');
    const fromIso = candles('2024-05-01T00:00:00Z,100,101,99,100.5,2.5\n');
    expect(fromIso).toEqual(fromMs);
    expect(fromMs[0]).toEqual({ symbol: 'BTC/USDT', timeframe: '1m', openTime: 1_714_521_600_000, open: 100, high: 101, low: 99, close: 100.5, volume: 2.5, closed: true });
  });

  it('names the line and field of a close that is not a number, counting the comment and header lines', () => {
    expect(() => candles('1714521600000,100,101,99,100,1\n1714521660000,100,101,99,abc,1\n')).toThrow('line 4: close is not a number');
  });

  it('refuses a high below the open', () => {
    expect(() => candles('1714521600000,100,99.5,99,99.8,1\n')).toThrow('line 3: high 99.5 is below the open 100');
  });

  it('says which line repeats a timestamp and which goes back in time', () => {
    expect(() => candles('1714521600000,1,1,1,1,1\n1714521600000,1,1,1,1,1\n')).toThrow('line 4: timestamp 2024-05-01T00:00:00.000Z repeats line 3.');
    expect(() => candles('1714521660000,1,1,1,1,1\n1714521600000,1,1,1,1,1\n')).toThrow(/line 4: timestamp 2024-05-01T00:00:00.000Z comes before line 3/);
  });

  it('takes a 10-digit timestamp for seconds and says so', () => {
    expect(() => candles('1714521600,1,1,1,1,1\n')).toThrow('line 3: timestamp 1714521600 looks like seconds; timestamps are milliseconds since 1970');
  });

  it('refuses a date-time without a time zone, which would load differently on another machine', () => {
    expect(() => candles('2024-05-01T00:00:00,1,1,1,1,1\n')).toThrow(/line 3: timestamp is not a time/);
  });

  it('refuses a candle that does not start on its timeframe boundary', () => {
    expect(() => candles('1714521630000,1,1,1,1,1\n')).toThrow('line 3: timestamp 2024-05-01T00:00:30.000Z is not on a 1m boundary.');
  });

  it('requires a header and names the columns it needs', () => {
    expect(() => parseCsv('1714521600000,1,1,1,1,1\n')).toThrow(/line 1: the first row must be a header/);
    expect(() => kindOf(parseCsv('time,o,h,l,c,v\n1,1,1,1,1,1\n'))).toThrow(/line 1: the header must name timestamp, open, high, low, close, volume/);
  });

  it('reads trades in any case of side, keeps several in one millisecond and refuses a repeated id', () => {
    const table = parseCsv('timestamp,price,size,side,id\n1714521600000,100,0.5,BUY,a\n1714521600000,99.5,0.25,sell,b\n');
    expect(tradesFrom(table, 'BTC/USDT').map((t) => [t.side, t.id])).toEqual([['buy', 'a'], ['sell', 'b']]);
    const repeated = parseCsv('timestamp,price,size,side,id\n1714521600000,100,0.5,buy,a\n1714521600001,100,0.5,buy,a\n');
    expect(() => tradesFrom(repeated, 'BTC/USDT')).toThrow('line 3: id a repeats line 2.');
    const badSide = parseCsv('timestamp,price,size,side\n1714521600000,100,0.5,long\n');
    expect(() => tradesFrom(badSide, 'BTC/USDT')).toThrow('line 2: side must be buy or sell');
  });

  it('reads a JSON object of rows and names a bad row by its number', () => {
    const table = parseJson('{"symbol":"ETH/USDT","timeframe":"5m","rows":[{"timestamp":1714521600000,"open":1,"high":2,"low":1,"close":2,"volume":3},{"timestamp":1714521900000,"open":1,"high":2,"low":1,"close":-2,"volume":3}]}');
    expect(datasetIdentity('mine.json', table.meta)).toEqual({ symbol: 'ETH/USDT', timeframe: '5m' });
    expect(() => candlesFrom(table, 'ETH/USDT', '5m')).toThrow('row 2: close must be above 0');
  });
});

describe('datasetIdentity', () => {
  it('reads the symbol and timeframe from a file name like BTC-USDT_1m.csv', () => {
    expect(datasetIdentity('BTC-USDT_1m.csv', {})).toEqual({ symbol: 'BTC/USDT', timeframe: '1m' });
    expect(datasetIdentity('sol-usdt_trades.csv', {})).toEqual({ symbol: 'SOL/USDT', timeframe: null });
  });

  it('prefers what the first line says over the file name', () => {
    expect(datasetIdentity('BTC-USDT_1m (1).csv', { symbol: 'ETH/USDT', timeframe: '15m' })).toEqual({ symbol: 'ETH/USDT', timeframe: '15m' });
  });

  it('refuses a timeframe the desk does not run', () => {
    expect(() => datasetIdentity('x.csv', { symbol: 'BTC/USDT', timeframe: '3m' })).toThrow('x.csv: timeframe 3m is not one the desk runs (1s, 1m, 5m, 15m, 1h, 4h, 1d, 1w).');
  });
});

describe('JSON rows that leave a field out', () => {
  it('says the field is missing', () => {
    const table = parseJson('[{"timestamp":1714521600000,"open":1,"high":2,"low":1,"volume":3}]');
    expect(() => candlesFrom(table, 'BTC/USDT', '1m')).toThrow('row 1: close is missing');
  });
});
