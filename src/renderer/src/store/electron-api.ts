// The preload's window.api, recognised by shape so the renderer needs no global declaration of it.
import type { EngineApi } from '../../../shared/contract.ts';

function isEngineApi(value: unknown): value is EngineApi {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { invoke?: unknown; onEvent?: unknown };
  return typeof candidate.invoke === 'function' && typeof candidate.onEvent === 'function';
}

/** The Electron transport when running inside the desktop app, otherwise null. */
export function electronApi(host: object = window): EngineApi | null {
  const api = (host as { api?: unknown }).api;
  return isEngineApi(api) ? api : null;
}
