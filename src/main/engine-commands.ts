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
import type { ApiKeys, ConnectionTest, ExchangeInfo, KeyStatus } from '../shared/exchange.ts';
import type { Settings } from '../shared/settings.ts';
import { paramsNotOfKind } from '../shared/strategy.ts';
import type { BacktestService } from './backtest/backtest-service.ts';
import type { Engine } from './engine/engine.ts';
import { NotFoundError } from './engine/strategy-host.ts';

type Handlers = {
  [C in CommandName]: (request: ParsedCommandRequest<C>) => CommandResponses[C] | Promise<CommandResponses[C]>;
};

/** Thrown by a handler to answer with a typed error (a risk denial, an unknown symbol, a field that does not fit). */
class CommandFailure extends Error {
  readonly code: CommandError['code'];
  readonly issues: string[] | undefined;
  constructor(code: CommandError['code'], message: string, issues?: string[]) {
    super(message);
    this.code = code;
    this.issues = issues;
  }
}

/** What the commands act on; each throws a sentence when it cannot do what was asked. */
export interface CommandDeps {
  /** The engine of the current mode (a mode switch replaces it). */
  engine: () => Engine;
  updateSettings: (patch: ParsedCommandRequest<'settings.update'>) => Settings;
  switchMode: (request: ParsedCommandRequest<'mode.switch'>) => Promise<Settings>;
  listExchanges: () => Promise<ExchangeInfo[]>;
  keyStatus: (exchangeId: string) => KeyStatus;
  setKeys: (keys: ApiKeys) => KeyStatus;
  deleteKeys: (exchangeId: string) => KeyStatus;
  testKeys: (request: ParsedCommandRequest<'keys.test'>) => Promise<ConnectionTest>;
  /** Runs on worker threads; unknown run ids throw NotFoundError. */
  backtests: BacktestService;
}

const fail = (code: CommandError['code'], message: string): never => {
  throw new CommandFailure(code, message);
};

/** A payload the schema accepts but its target does not (a parameter the strategy's kind lacks): INVALID_PAYLOAD, naming each field. */
const invalid = (command: CommandName, issues: string[]): void => {
  if (issues.length > 0) throw new CommandFailure('INVALID_PAYLOAD', `Invalid ${command}: ${issues.join('; ')}`, issues);
};

/**
 * The one door into the engine for every transport: names the command, validates the payload with
 * the contract's zod schema and turns every failure into a typed error. A bad payload changes nothing.
 */
export function createCommandHandler(deps: CommandDeps) {
  const { updateSettings } = deps;
  const requireSymbol = (symbol: string): void => {
    if (!deps.engine().hasSymbol(symbol)) fail('UNKNOWN_SYMBOL', `Unknown symbol ${symbol}.`);
  };

  const handlers: Handlers = {
    'state.snapshot': () => deps.engine().snapshot(),
    'view.focus': (r) => {
      requireSymbol(r.symbol);
      return deps.engine().setFocus(r.symbol, r.timeframe);
    },
    'order.place': (r) => {
      requireSymbol(r.symbol);
      const outcome = deps.engine().placeOrder(r);
      return outcome.ok ? outcome.order : fail(outcome.denial.code, outcome.denial.message);
    },
    'order.amend': (r) => {
      const outcome = deps.engine().amendOrder(r.clientOrderId, r);
      return outcome.ok ? outcome.order : fail(outcome.denial.code, outcome.denial.message);
    },
    'position.protect': (r) => {
      requireSymbol(r.symbol);
      const outcome = deps.engine().protectPosition(r);
      return outcome.ok ? outcome.orders : fail(outcome.denial.code, outcome.denial.message);
    },
    'order.cancel': (r) => deps.engine().cancelOrder(r.clientOrderId),
    'order.cancelAll': () => ({ cancelled: deps.engine().cancelAll() }),
    'position.close': (r) => {
      requireSymbol(r.symbol);
      const outcome = deps.engine().closePosition(r.symbol);
      if (!outcome) return null;
      return outcome.ok ? outcome.order : fail(outcome.denial.code, outcome.denial.message);
    },
    'risk.halt': (r) => {
      deps.engine().halt(r.reason);
      return deps.engine().snapshot().risk;
    },
    'risk.resume': () => {
      const denial = deps.engine().resume();
      return denial ? fail(denial.code, denial.message) : deps.engine().snapshot().risk;
    },
    'risk.killSwitch': () => deps.engine().killSwitch(),
    'strategy.create': (r) => {
      requireSymbol(r.symbol);
      return deps.engine().strategyView(deps.engine().createStrategy(r));
    },
    'strategy.update': (r) => {
      invalid('strategy.update', paramsNotOfKind(deps.engine().strategyView(r.id).config.kind, Object.keys(r.params)));
      deps.engine().updateStrategy(r.id, r.params);
      return deps.engine().strategyView(r.id);
    },
    'strategy.setActive': (r) => {
      deps.engine().setStrategyActive(r.id, r.active);
      return deps.engine().strategyView(r.id);
    },
    'strategy.remove': (r) => {
      deps.engine().removeStrategy(r.id);
      return { removed: r.id };
    },
    'settings.update': (r) => updateSettings(r),
    'account.reset': () => {
      deps.engine().resetAccount();
      return deps.engine().snapshot().account;
    },
    'mode.switch': (r) => deps.switchMode(r),
    'exchanges.list': () => deps.listExchanges(),
    'keys.status': (r) => deps.keyStatus(r.exchangeId),
    'keys.set': (r) => deps.setKeys(r),
    'keys.delete': (r) => deps.deleteKeys(r.exchangeId),
    'keys.test': (r) => deps.testKeys(r),
    'backtest.datasets': () => deps.backtests.datasets(),
    'backtest.run': (r) => {
      invalid('backtest.run', paramsNotOfKind(r.strategy.kind, Object.keys(r.strategy.params), 'strategy.params'));
      return deps.backtests.run(r);
    },
    'backtest.cancel': (r) => ({ cancelled: deps.backtests.cancel(r.runId) }),
    'backtest.list': () => deps.backtests.list(),
    'backtest.get': (r) => deps.backtests.get(r.runId),
    'backtest.delete': (r) => {
      deps.backtests.remove(r.runId);
      return { deleted: r.runId };
    },
    'backtest.export': (r) => deps.backtests.exportCsv(r.runId, r.what),
    'sweep.run': (r) => {
      const kind = r.base.strategy.kind;
      invalid('sweep.run', [...paramsNotOfKind(kind, Object.keys(r.base.strategy.params), 'base.strategy.params'), ...paramsNotOfKind(kind, r.grid.map((axis) => axis.param), 'grid.param')]);
      return deps.backtests.sweep(r);
    },
    'sweep.cancel': (r) => ({ cancelled: deps.backtests.cancelSweep(r.sweepId) }),
  };

  return async function handle(command: string, payload: unknown): Promise<CommandResult<CommandName>> {
    if (!(COMMAND_NAMES as string[]).includes(command)) {
      return { ok: false, error: { code: 'UNKNOWN_COMMAND', message: `Unknown command "${String(command).slice(0, 64)}".` } };
    }
    const name = command as CommandName;
    const parsed = commandSchemas[name].safeParse(payload ?? {});
    if (!parsed.success) return { ok: false, error: invalidPayload(name, parsed.error) };
    try {
      const value = await (handlers[name] as (request: unknown) => unknown)(parsed.data);
      return { ok: true, value } as CommandResult<CommandName>;
    } catch (error) {
      if (error instanceof CommandFailure) {
        const failure: CommandError = { code: error.code, message: error.message };
        if (error.issues !== undefined) failure.issues = error.issues;
        return { ok: false, error: failure };
      }
      if (error instanceof NotFoundError) return { ok: false, error: { code: 'NOT_FOUND', message: error.message } };
      if (error instanceof Error) return { ok: false, error: { code: 'REFUSED', message: error.message } };
      return { ok: false, error: { code: 'INTERNAL', message: String(error) } };
    } finally {
      // What the command recorded (a halt, a denial, a strategy) is on disk before the answer leaves.
      deps.engine().commitJournal();
    }
  };
}

function invalidPayload(command: CommandName, error: ZodError): CommandError {
  const issues = error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : 'payload'}: ${issue.message}`);
  return { code: 'INVALID_PAYLOAD', message: `Invalid ${command}: ${issues.join('; ')}`, issues };
}
