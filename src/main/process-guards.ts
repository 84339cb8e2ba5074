/**
 * ccxt.pro rejects some internal promises nobody awaits (a refused websocket subscription, a dropped
 * connection). Node would end the process on them; a trading desk logs them and keeps running —
 * the adapter that owns the stream has already seen the same error through its own await.
 */
export function logUnhandledRejections(log: (line: string) => void): void {
  process.on('unhandledRejection', (reason) => {
    log(`Unhandled rejection (kept running): ${reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason)}`);
  });
}
