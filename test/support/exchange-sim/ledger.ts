// The account's balances per asset, free and locked, and the moves orders make between them.
import { BinanceError } from './binance-error.ts';
import { r8 } from './markets.ts';

type Move = 'lock' | 'unlock' | 'spend' | 'spendLocked' | 'credit';

export class Ledger {
  private readonly balances = new Map<string, { free: number; locked: number }>();

  constructor(balances: Record<string, number>) {
    for (const [asset, free] of Object.entries(balances)) this.balances.set(asset, { free, locked: 0 });
  }

  balance(asset: string): { free: number; locked: number } {
    const b = this.balances.get(asset) ?? { free: 0, locked: 0 };
    return { free: b.free, locked: b.locked };
  }

  assets(): string[] {
    return [...this.balances.keys()];
  }

  move(asset: string, amount: number, how: Move): void {
    const b = this.balances.get(asset) ?? { free: 0, locked: 0 };
    if (how === 'lock') { b.free = r8(b.free - amount); b.locked = r8(b.locked + amount); }
    if (how === 'unlock') { b.free = r8(b.free + amount); b.locked = r8(b.locked - amount); }
    if (how === 'spend') b.free = r8(b.free - amount);
    if (how === 'spendLocked') b.locked = r8(b.locked - amount);
    if (how === 'credit') b.free = r8(b.free + amount);
    this.balances.set(asset, b);
  }

  /** Binance's refusal when the free balance does not cover an order. */
  checkFree(asset: string, need: number): void {
    if (this.balance(asset).free + 1e-9 < need) throw new BinanceError(400, -2010, 'Account has insufficient balance for requested action.');
  }
}
