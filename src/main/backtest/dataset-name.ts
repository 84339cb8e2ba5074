// What a dataset is of. The file can say it on its first line (`# symbol=BTC/USDT timeframe=1m`) or in
// its name (`BTC-USDT_1m.csv`: base-quote, then the timeframe). The first line wins when both speak:
// it travels with the data, while a name is changed by any copy or download ("BTC-USDT_1m (1).csv").
import { TIMEFRAMES, type Timeframe } from '../../shared/market.ts';
import { DatasetError, quoted } from './dataset-error.ts';

const NAME = /^([A-Za-z0-9]+)-([A-Za-z0-9]+)(?:_([A-Za-z0-9]+))?\.(csv|json)$/i;
const SYMBOL = /^[A-Za-z0-9]+\/[A-Za-z0-9]+$/;

export interface DatasetIdentity {
  symbol: string;
  /** Null when neither the file nor its name says; candles need one, trades do not. */
  timeframe: Timeframe | null;
}

export function datasetIdentity(fileName: string, meta: Record<string, string>): DatasetIdentity {
  const named = NAME.exec(fileName);
  const symbolText = meta.symbol ?? (named ? `${named[1]}/${named[2]}` : undefined);
  if (symbolText === undefined) {
    throw new DatasetError(`${fileName} does not say its symbol: start it with a line like "# symbol=BTC/USDT timeframe=1m" or name it like BTC-USDT_1m.csv.`);
  }
  if (!SYMBOL.test(symbolText)) throw new DatasetError(`${fileName}: symbol ${quoted(symbolText)} is not like BTC/USDT.`);
  const timeframeText = meta.timeframe ?? (named?.[3] !== undefined && isTimeframe(named[3]) ? named[3] : undefined);
  if (timeframeText !== undefined && !isTimeframe(timeframeText)) {
    throw new DatasetError(`${fileName}: timeframe ${quoted(timeframeText)} is not one the desk runs (${TIMEFRAMES.join(', ')}).`);
  }
  return { symbol: symbolText.toUpperCase(), timeframe: timeframeText ?? null };
}

function isTimeframe(text: string): text is Timeframe {
  return (TIMEFRAMES as readonly string[]).includes(text);
}
