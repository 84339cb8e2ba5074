// Records for journal tests, and a child process that writes a journal and is killed with SIGKILL.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { Fill, Order } from '../../../shared/trading.ts';
import type { AccountState } from '../../engine/ports.ts';

export const T0 = 1_700_000_000_000;

export function order(clientOrderId: string, fields: Partial<Order> = {}): Order {
  return {
    clientOrderId,
    id: '',
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'limit',
    size: 0.5,
    price: 30_000.5,
    source: 'strategy:mom-1',
    ts: T0,
    status: 'pending',
    filled: 0,
    avgFillPrice: 0,
    fees: 0,
    updatedAt: T0,
    ...fields,
  };
}

export function fill(tradeId: string, fields: Partial<Fill> = {}): Fill {
  return {
    orderId: 'P-o1',
    clientOrderId: 'o1',
    tradeId,
    symbol: 'BTC/USDT',
    side: 'buy',
    price: 30_000.5,
    size: 0.25,
    fee: 1.5,
    feeAsset: 'USDT',
    feeAmount: 1.5,
    liquidity: 'maker',
    ts: T0,
    ...fields,
  };
}

export function account(epoch: number): AccountState {
  return {
    startingCapital: 10_000,
    peakEquity: 10_250.75,
    dayStartEquity: 10_100,
    day: '2023-11-14',
    halted: { code: 'DAILY_LOSS_LIMIT', reason: 'Daily loss 5.2% exceeds 5%', state: 'HALTED' },
    epoch,
  };
}

/**
 * Runs `open` (which must leave a journal on `journalPath` in `journal`) in a child, writes `count` filled orders and their
 * fills, each followed by `afterEach` (a commit), reports, and is killed with SIGKILL: it never closes.
 */
export async function killAfterWriting(path: string, count: number, open: string, afterEach: string): Promise<void> {
  const script = `
    const journalPath = process.argv[2];
    ${open}
    for (let i = 0; i < ${count}; i++) {
      journal.upsertOrder({ clientOrderId: 'c' + i, id: 'P-c' + i, symbol: 'BTC/USDT', side: 'buy', type: 'market',
        size: 1, source: 'manual', ts: ${T0} + i, status: 'filled', filled: 1, avgFillPrice: 100 + i, fees: 0.1, updatedAt: ${T0} + i });
      journal.recordFill({ orderId: 'P-c' + i, clientOrderId: 'c' + i, tradeId: 'P-c' + i + ':1', symbol: 'BTC/USDT',
        side: 'buy', price: 100 + i, size: 1, fee: 0.1, feeAsset: 'USDT', feeAmount: 0.1, liquidity: 'taker', ts: ${T0} + i });
      ${afterEach}
    }
    process.stdout.write('written\\n');
    setInterval(() => {}, 1000);
  `;
  // A file rather than --eval: a worker thread the journal starts inherits the flags, and --input-type breaks it.
  const file = `${path}.child.mjs`;
  writeFileSync(file, script);
  const child = spawn(process.execPath, ['--no-warnings', file, path], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const signal = await new Promise<NodeJS.Signals | null>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('written')) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, sig) => (sig === null ? reject(new Error(`child exited ${code}: ${stderr}`)) : resolve(sig)));
  });
  if (signal !== 'SIGKILL') throw new Error(`child ended by ${signal}`);
}
