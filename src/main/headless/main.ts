// Entry for `npm run headless`: the engine without Electron, for a VPS or a browser on this machine.
// Runs straight from source: `node src/main/headless/main.ts`.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRuntime } from '../runtime.ts';
import { PassphraseSecretStore } from '../secrets/passphrase-secret-store.ts';
import { logUnhandledRejections } from '../process-guards.ts';
import { createRedactingLog } from '../secrets/redact.ts';
import { FileSettingsStore } from '../settings/file-settings-store.ts';
import { readHeadlessConfig } from './config.ts';
import { startHeadlessServer } from './server.ts';
import { headlessToken, TOKEN_FILE } from './token-file.ts';

const rendererDir = resolve(import.meta.dirname, '../../../out/renderer');
const print = (line: string): void => console.log(line);

async function main(): Promise<void> {
  const { keyPassphrase, ...config } = readHeadlessConfig(process.env, homedir());
  // Read once and gone from the environment: child processes and env dumps never see it.
  delete process.env.HFT_KEY_PASSPHRASE;
  for (const warning of config.warnings) console.warn(warning);
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.warn(`No built renderer in ${rendererDir}: run \`npx electron-vite build\` first; only the WebSocket will work.`);
  }

  const kept = config.token === undefined ? headlessToken(config.dataDir, { rotate: config.rotateToken }) : null;
  const token = config.token ?? kept!.token;
  if (kept?.created) console.log(`A new token is kept in ${join(config.dataDir, TOKEN_FILE)}: tabs opened with an older one must be opened again.`);
  const secrets = new PassphraseSecretStore({ dataDir: config.dataDir, passphrase: keyPassphrase });
  const log = createRedactingLog(print, secrets);
  logUnhandledRejections(log);
  const host = await createRuntime({ dataDir: config.dataDir, settingsStore: new FileSettingsStore(config.dataDir), secrets, log });
  const server = await startHeadlessServer({
    host,
    rendererDir,
    port: config.port,
    bindAddress: config.bindAddress,
    token,
    log,
  }).catch(async (error: unknown) => {
    await host.stop();
    throw error;
  });
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      console.warn(`${signal} again: exiting without a clean stop.`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: stopping the engine…`);
    // Close the server first so no command arrives while the engine stops.
    server
      .close()
      .then(() => host.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(`Stopping failed: ${(error as Error).message}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // Announced only once a signal stops it cleanly: whoever reads the address may stop it at once.
  console.log(`HFT Desk headless: ${server.url}?token=${token}`);
}

main().catch((error: unknown) => {
  console.error(`HFT Desk headless could not start: ${(error as Error).message}`);
  process.exit(1);
});
