import { WebSocket, type RawData } from 'ws';
import type { CommandName, CommandResult, ServerMessage } from '../../shared/contract.ts';
import type { EngineHost } from '../engine-host.ts';
import { parseClientMessage } from './client-message.ts';

/** Largest client frame accepted (ws closes the connection with 1009 above it). Commands are tiny. */
export const MAX_MESSAGE_BYTES = 64 * 1024;
/** Unsent bytes a client may fall behind by before it is dropped, rather than buffering without bound. */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** 1013 "try again later": the client can reconnect and start again from a fresh snapshot. */
export const SLOW_CLIENT_CLOSE_CODE = 1013;


/** One browser tab: engine events out (snapshot, then deltas), commands in, replies out by id. */
export function serveConnection(ws: WebSocket, host: EngineHost, log: (line: string) => void): void {
  const send = (message: ServerMessage): void => {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      log(`Headless: closing a client that fell ${ws.bufferedAmount} bytes behind`);
      ws.close(SLOW_CLIENT_CLOSE_CODE, 'Client too slow: more than 4 MiB of updates unsent');
      return;
    }
    try {
      ws.send(JSON.stringify(message));
    } catch (error) {
      // The engine calls this listener; a transport failure must not reach it.
      log(`Headless: could not send to a client: ${(error as Error).message}`);
    }
  };

  const respond = async (data: RawData): Promise<void> => {
    const parsed = parseClientMessage(rawText(data));
    if (!parsed.ok) {
      send({ id: parsed.id, result: { ok: false, error: parsed.error } });
      return;
    }
    const { id, command, payload } = parsed.message;
    let result: CommandResult<CommandName>;
    try {
      result = await host.handle(command, payload);
    } catch (error) {
      log(`Headless: ${command} failed: ${(error as Error).message}`);
      result = { ok: false, error: { code: 'INTERNAL', message: `The engine failed while handling ${command}.` } };
    }
    send({ id, result });
  };

  const unsubscribe = host.subscribe(send);
  ws.on('message', (data) => void respond(data));
  ws.on('close', unsubscribe);
  ws.on('error', (error) => log(`Headless: client connection error: ${error.message}`));
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
