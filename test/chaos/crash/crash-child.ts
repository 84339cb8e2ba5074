// The process the crash test kills: the real runtime (engine, journal, paper desk or live desk through
// ccxt against the loopback simulator) with a fast strategy and an order pump. It tells the parent, as
// JSON lines on stdout, when it is ready and which fills the UI was shown; runtime logs go to stderr.
//
// A crash point kills the process from inside the journal, right after the commit that made the write
// that matters durable:
//   order-journaled  the order is in the log as pending and not yet handed to the broker;
//   fill-journaled   the fill is in the log (with whatever the same event recorded before the commit);
//   exit-fired       a desk-held stop or take-profit is in the log as fired and not yet handed to the broker.
import { FileJournal } from '../../../src/main/adapters/journal/file-journal.ts';
import { logUnhandledRejections } from '../../../src/main/process-guards.ts';
import { createRuntime } from '../../../src/main/runtime.ts';
import { PassphraseSecretStore } from '../../../src/main/secrets/passphrase-secret-store.ts';
import { FileSettingsStore } from '../../../src/main/settings/file-settings-store.ts';
import type { Fill, Order } from '../../../src/shared/trading.ts';
import { simGateway } from '../../integration/exchange-harness.ts';
import { TEST_KDF } from '../../support/test-kdf.ts';
import { snapshotOf } from '../../support/trading-state.ts';
import { DeskDriver, deskStateOf } from '../desk-driver.ts';
import type { ChildConfig, ChildMessage, InProcessCrashPoint } from './crash-protocol.ts';

const SETTLE_TIMEOUT_MS = 45_000;

const config = JSON.parse(process.argv[2]!) as ChildConfig;
const send = (message: ChildMessage): void => {
  process.stdout.write(`${JSON.stringify(message)}\n`);
};

function armCrashPoint(point: InProcessCrashPoint, after: number): void {
  let left = after;
  let armed = false;
  const journal = FileJournal.prototype;
  if (point === 'order-journaled' || point === 'exit-fired') {
    const upsertOrder = journal.upsertOrder;
    journal.upsertOrder = function (this: FileJournal, order: Order): void {
      upsertOrder.call(this, order);
      const fired = order.heldBy === 'desk' && order.triggeredAt !== undefined && order.filled === 0 && order.status === 'open';
      if (point === 'order-journaled' ? order.status === 'pending' : fired) armed = true;
    };
  } else {
    const recordFill = journal.recordFill;
    journal.recordFill = function (this: FileJournal, fill: Fill): boolean {
      const added = recordFill.call(this, fill);
      if (added) armed = true;
      return added;
    };
  }
  const commit = journal.commit;
  journal.commit = function (this: FileJournal): void {
    commit.call(this);
    if (armed && --left === 0) process.kill(process.pid, 'SIGKILL');
    armed = false;
  };
}

if (config.crashPoint !== null) armCrashPoint(config.crashPoint.point, config.crashPoint.after);

// As the app's entry points do (process-guards.ts).
logUnhandledRejections((line) => process.stderr.write(`${line}\n`));
const secrets = new PassphraseSecretStore({ dataDir: config.dataDir, passphrase: config.passphrase, kdf: TEST_KDF });
const host = await createRuntime({
  dataDir: config.dataDir,
  settingsStore: new FileSettingsStore(config.dataDir),
  secrets,
  simSeed: config.seed,
  log: (line) => process.stderr.write(`${line}\n`),
  ...(config.simUrls === undefined ? {} : { exchanges: simGateway({ urls: config.simUrls }, []) }),
});

const driver = new DeskDriver(host, {
  onFills: (fills) => send({ type: 'fills', fills: fills.map((f) => ({ clientOrderId: f.clientOrderId, orderId: f.orderId, tradeId: f.tradeId })) }),
  onRiskEvent: (code, message) => send({ type: 'risk', code, message }),
});
if (config.firstStart) await driver.addFastStrategy(config.symbols[0]!, config.orderSize);
send({ type: 'ready', ...deskStateOf(await snapshotOf(host)) });

process.once('SIGTERM', () => {
  driver.stop();
  void host.stop().then(() => process.exit(0));
});

if (config.quiet) {
  send({ type: 'settled', ...(await driver.settle(SETTLE_TIMEOUT_MS)) });
} else {
  await driver.pump({ symbols: config.symbols, orderSize: config.orderSize, pumpMs: config.pumpMs, seed: config.seed });
}
