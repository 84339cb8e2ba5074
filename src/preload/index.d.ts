import type { EngineApi } from '../shared/contract.ts';

declare global {
  interface Window {
    /** Present inside the desktop app (preload); absent in a browser using the headless host. */
    api?: EngineApi;
  }
}
