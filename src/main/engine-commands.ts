import { ZodError } from 'zod';
import {
  COMMAND_NAMES,
  commandSchemas,
  type CommandError,
  type CommandName,
  type CommandResponses,
  type CommandResult,
  type ParsedCommandRequest,
} from '../shared/contract.ts';
import type { Settings } from '../shared/settings.ts';
import type { Engine } from './engine/engine.ts';
import { NotFoundError } from './engine/strategy-host.ts';

type Handlers = { [C in CommandName]: (request: ParsedCommandRequest<C>) => CommandResponses[C] };

/** Thrown by a handler to answer with a typed error (a risk denial, an unknown symbol). */
class CommandFailure extends Error {
  readonly code: CommandError['code'];
  constructor(code: CommandError['code'], message: string) {
    super(message);
    this.code = code;
  }
}

export interface CommandDeps {
  engine: Engine;
  /** Validates, saves and applies a settings patch; throws a sentence when it cannot. */
  updateSettings: (patch: ParsedCommandRequest<'settings.update'>) => Settings;
}

const fail = (code: CommandError['code'], message: string): never => {
  throw new CommandFailure(code, message);
};

/**
 * The one door into the engine for every transport: names the command, validates the payload with
 * the contract's zod schema and turns every failure into a typed error. A bad payload changes nothing.
 */
export function createCommandHandler({ engine, updateSettings }: CommandDeps) {
  const requireSymbol = (symbol: string): void => {
    if (!engine.hasSymbol(symbol)) fail('UNKNOWN_SYMBOL', `Unknown symbol ${symbol}.`);
  };

  const handlers: Handlers = {
    'state.snapshot': () => engine.snapshot(),
    'view.focus': (r) => {
      requireSymbol(r.symbol);
      return engine.setFocus(r.symbol, r.timeframe);
    },
    'order.place': (r) => {
      requireSymbol(r.symbol);
      const outcome = engine.placeOrder(r);
      return outcome.ok ? outcome.order : fail(outcome.denial.code, outcome.denial.message);
    },
    'order.cancel': (r) => engine.cancelOrder(r.clientOrderId),
    'order.cancelAll': () => ({ cancelled: engine.cancelAll() }),
    'position.close': (r) => {
      requireSymbol(r.symbol);
      const outcome = engine.closePosition(r.symbol);
      if (!outcome) return null;
      return outcome.ok ? outcome.order : fail(outcome.denial.code, outcome.denial.message);
    },
    'risk.halt': (r) => {
      engine.halt(r.reason);
      return engine.snapshot().risk;
    },
    'risk.resume': () => {
      const denial = engine.resume();
      return denial ? fail(denial.code, denial.message) : engine.snapshot().risk;
    },
    'risk.killSwitch': () => engine.killSwitch(),
    'strategy.create': (r) => {
      requireSymbol(r.symbol);
      return engine.strategyView(engine.createStrategy(r));
    },
    'strategy.update': (r) => {
      engine.updateStrategy(r.id, r.params);
      return engine.strategyView(r.id);
    },
    'strategy.setActive': (r) => {
      engine.setStrategyActive(r.id, r.active);
      return engine.strategyView(r.id);
    },
    'strategy.remove': (r) => {
      engine.removeStrategy(r.id);
      return { removed: r.id };
    },
    'settings.update': (r) => updateSettings(r),
    'account.reset': () => {
      engine.resetAccount();
      return engine.snapshot().account;
    },
  };

  return async function handle(command: string, payload: unknown): Promise<CommandResult<CommandName>> {
    if (!(COMMAND_NAMES as string[]).includes(command)) {
      return { ok: false, error: { code: 'UNKNOWN_COMMAND', message: `Unknown command "${String(command).slice(0, 64)}".` } };
    }
    const name = command as CommandName;
    const parsed = commandSchemas[name].safeParse(payload ?? {});
    if (!parsed.success) return { ok: false, error: invalidPayload(name, parsed.error) };
    try {
      const value = (handlers[name] as (request: unknown) => unknown)(parsed.data);
      return { ok: true, value } as CommandResult<CommandName>;
    } catch (error) {
      if (error instanceof CommandFailure) return { ok: false, error: { code: error.code, message: error.message } };
      if (error instanceof NotFoundError) return { ok: false, error: { code: 'NOT_FOUND', message: error.message } };
      if (error instanceof Error) return { ok: false, error: { code: 'REFUSED', message: error.message } };
      return { ok: false, error: { code: 'INTERNAL', message: String(error) } };
    }
  };
}

function invalidPayload(command: CommandName, error: ZodError): CommandError {
  const issues = error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : 'payload'}: ${issue.message}`);
  return { code: 'INVALID_PAYLOAD', message: `Invalid ${command}: ${issues.join('; ')}`, issues };
}
