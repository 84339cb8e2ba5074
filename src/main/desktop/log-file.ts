// The log a user can send: one file in the app's logs folder, rotated before it grows past MAX_LOG_BYTES
// (the previous one kept as main.old.log), written by electron-log. Every line reaches it through the
// redacting log (secrets/redact.ts), never directly.
import { join } from 'node:path';
import type { NodeLogger } from 'electron-log';

export const LOG_FILE_NAME = 'main.log';
export const MAX_LOG_BYTES = 5 * 1024 * 1024;

/** Points `logger` (electron-log's main logger, or its node logger in tests; both have these transports) at `<logsDir>/main.log` and returns a line writer. */
export function logToFile(logger: NodeLogger, logsDir: string, maxBytes = MAX_LOG_BYTES): (line: string) => void {
  const file = logger.transports.file;
  file.resolvePathFn = () => join(logsDir, LOG_FILE_NAME);
  file.maxSize = maxBytes;
  file.format = '[{y}-{m}-{d} {h}:{i}:{s}.{ms}] {text}';
  logger.transports.console.format = '{text}';
  return (line) => logger.info(line);
}
