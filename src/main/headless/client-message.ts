import type { ClientMessage, CommandError } from '../../shared/contract.ts';

export type ParsedClientMessage =
  | { ok: true; message: ClientMessage }
  | { ok: false; id: number | null; error: CommandError };

/** Turns one WebSocket text frame into {id, command, payload}, or an INVALID_PAYLOAD error naming what is wrong. */
export function parseClientMessage(text: string): ParsedClientMessage {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return invalid(null, 'Message is not valid JSON.');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return invalid(null, 'Message must be a JSON object {id, command, payload}.');
  }
  const { id, command, payload } = raw as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isFinite(id)) return invalid(null, 'Message needs a numeric id.');
  if (typeof command !== 'string' || command.length === 0) return invalid(id, 'Message needs a command name.');
  return { ok: true, message: { id, command, payload } };
}

function invalid(id: number | null, message: string): ParsedClientMessage {
  return { ok: false, id, error: { code: 'INVALID_PAYLOAD', message } };
}
