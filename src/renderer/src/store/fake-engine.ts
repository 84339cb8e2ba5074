// A scripted EngineApi for the renderer's unit tests: records every command and answers from a table.
import type { CommandName, CommandRequest, CommandResult, EngineApi } from '../../../shared/contract.ts';
import { setTransport } from './engine.ts';

type Answer = (payload: unknown) => CommandResult<CommandName> | Promise<CommandResult<CommandName>>;

export interface FakeEngine {
  calls: { command: CommandName; payload: unknown }[];
  answer<C extends CommandName>(command: C, reply: (payload: CommandRequest<C>) => CommandResult<C> | Promise<CommandResult<C>>): void;
}

/** Installs a fake transport; commands without an answer get INTERNAL "not scripted". */
export function installFakeEngine(): FakeEngine {
  const answers = new Map<CommandName, Answer>();
  const calls: FakeEngine['calls'] = [];
  const api: EngineApi = {
    async invoke<C extends CommandName>(command: C, payload: CommandRequest<C>): Promise<CommandResult<C>> {
      calls.push({ command, payload });
      const reply = answers.get(command);
      if (!reply) return { ok: false, error: { code: 'INTERNAL', message: `${command} not scripted` } };
      return (await reply(payload)) as CommandResult<C>;
    },
    onEvent: () => () => undefined,
  };
  setTransport(api);
  return {
    calls,
    answer(command, reply) {
      answers.set(command, reply as Answer);
    },
  };
}
