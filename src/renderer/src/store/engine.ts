// The transport the UI talks to. Set once by the bridge; actions call engine.invoke without
// knowing whether it is Electron IPC or a WebSocket.
import type { CommandName, CommandRequest, CommandResult, EngineApi } from '../../../shared/contract.ts';
import { failure } from './ws-transport.ts';

let transport: EngineApi | null = null;

export function setTransport(api: EngineApi): void {
  transport = api;
}

export const engine: Pick<EngineApi, 'invoke'> = {
  invoke<C extends CommandName>(command: C, payload: CommandRequest<C>): Promise<CommandResult<C>> {
    if (!transport) return Promise.resolve(failure<C>('REFUSED', 'Not connected to the engine: nothing was sent.'));
    return transport.invoke(command, payload);
  },
};
