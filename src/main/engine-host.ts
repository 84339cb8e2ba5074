import type { CommandName, CommandResult, EngineEvent } from '../shared/contract.ts';

/**
 * The engine as its transports see it: Electron IPC and the headless WebSocket host both hand raw,
 * untrusted payloads to handle() and forward events to their UI.
 */
export interface EngineHost {
  /** Validates the payload against the contract; a bad one gets INVALID_PAYLOAD and changes nothing. */
  handle(command: string, payload: unknown): Promise<CommandResult<CommandName>>;
  /** The listener first receives a 'state.snapshot', then 'state.delta' events. Returns unsubscribe. */
  subscribe(listener: (event: EngineEvent) => void): () => void;
  stop(): Promise<void>;
}
