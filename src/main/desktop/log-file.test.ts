import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodeLog from 'electron-log/node';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedactingLog, REDACTED } from '../secrets/redact.ts';
import { LOG_FILE_NAME, logToFile } from './log-file.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function logsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hft-logs-'));
  dirs.push(dir);
  return dir;
}

describe('the log file', () => {
  it('is written in the logs folder with a timestamp on every line, and never holds a stored secret', () => {
    const dir = logsDir();
    const logger = nodeLog.create({ logId: `secrets-${dirs.length}` });
    logger.transports.console.level = false;
    const log = createRedactingLog(logToFile(logger, dir), { knownSecrets: () => ['sk-live-9f8e7d6c'] });
    log('Opened a live desk on Binance with key sk-live-9f8e7d6c.');
    const text = readFileSync(join(dir, LOG_FILE_NAME), 'utf8');
    expect(text).toMatch(/^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}\] Opened a live desk on Binance with key \[redacted\]\.\n$/);
    expect(text).toContain(REDACTED);
    expect(text).not.toContain('sk-live-9f8e7d6c');
  });

  it('rotates before it grows past its limit, keeping the previous file beside it', () => {
    const dir = logsDir();
    const logger = nodeLog.create({ logId: `rotation-${dirs.length}` });
    logger.transports.console.level = false;
    const log = logToFile(logger, dir, 4_000);
    for (let i = 0; i < 200; i++) log(`line ${i} ${'x'.repeat(60)}`);
    expect(existsSync(join(dir, 'main.old.log'))).toBe(true);
    expect(statSync(join(dir, LOG_FILE_NAME)).size).toBeLessThanOrEqual(4_000 + 100);
    expect(readFileSync(join(dir, LOG_FILE_NAME), 'utf8')).toContain('line 199 ');
  });
});
