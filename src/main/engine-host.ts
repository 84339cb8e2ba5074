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

/** The runtime as the desktop app drives it: the host, and what the computer's power and quitting need of it. */
export interface RuntimeHost extends EngineHost {
  /** The computer is going to sleep: nothing is traded until wake() has checked with the venue. */
  sleep(): void;
  /** The computer woke: working orders and balances are read from the venue before trading goes on. */
  wake(): Promise<void>;
  /** Live orders are working at the exchange (or held by the desk to send): the app keeps the computer awake and asks before quitting. */
  liveOrdersWorking(): boolean;
}
