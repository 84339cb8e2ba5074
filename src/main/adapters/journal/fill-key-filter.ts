// A Bloom filter over the (orderId, tradeId) of every fill the journal holds: "certainly not recorded"
// without a database read, which is the answer for nearly every fill. Only a possible duplicate (a real
// one, or about 1% of new fills once it holds a million keys) is looked up in the tables. Its memory is
// fixed, however long the account trades.
const BITS = 1 << 24; // 2 MB
const HASHES = 4;

export class FillKeyFilter {
  private readonly bits = new Uint32Array(BITS >>> 5);

  add(orderId: string, tradeId: string): void {
    const h1 = hash(orderId, tradeId, 0x811c9dc5);
    const h2 = hash(orderId, tradeId, 0x01000193) | 1;
    for (let i = 0; i < HASHES; i++) {
      const bit = (h1 + i * h2) & (BITS - 1);
      this.bits[bit >>> 5]! |= 1 << (bit & 31);
    }
  }

  /** False: certainly never added. True: perhaps added. */
  mayHave(orderId: string, tradeId: string): boolean {
    const h1 = hash(orderId, tradeId, 0x811c9dc5);
    const h2 = hash(orderId, tradeId, 0x01000193) | 1;
    for (let i = 0; i < HASHES; i++) {
      const bit = (h1 + i * h2) & (BITS - 1);
      if ((this.bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

/** FNV-1a over both strings with a separator, from `seed`: no string is built to hash them. */
function hash(orderId: string, tradeId: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < orderId.length; i++) h = Math.imul(h ^ orderId.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ 0xff, 0x01000193);
  for (let i = 0; i < tradeId.length; i++) h = Math.imul(h ^ tradeId.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
