// Connects the store to the engine. Picks the transport once: Electron's window.api when the
// preload provided it, otherwise the headless host's WebSocket on this page's origin.
import type { EngineApi, EngineEvent } from '../../../shared/contract.ts';
import { desiredFocus, focus, refreshSnapshot } from './actions.ts';
import { notify } from '../features/notices/notices.ts';
import { sendAppCommand } from './app-commands.ts';
import { receiveBacktestProgress, receiveSweepProgress } from './backtest-actions.ts';
import { electronApi } from './electron-api.ts';
import { setTransport } from './engine.ts';
import { applyDelta, applySnapshot } from './reducers.ts';
import { useTerminal } from './store.ts';
import type { ConnectionStatus, TransportKind } from './terminal-state.ts';
import { takeTokenFromAddress, tokenCheckUrl, webSocketUrl } from './ws-address.ts';
import { createWsTransport } from './ws-transport.ts';

/** What the app itself says (a window reloaded after a crash) is worth reading: it stays a while. */
const APP_NOTICE_SHOWN_MS = 20_000;

/** How long to wait for the pushed snapshot before asking for one. */
const SNAPSHOT_GRACE_MS = 1_500;

function setConnection(transport: TransportKind, status: ConnectionStatus, attempts: number): void {
  useTerminal.setState((s) => ({
    ...s,
    connection: {
      ...s.connection,
      transport,
      status,
      attempts,
      // A new connection starts unsynced until its snapshot lands.
      synced: status === 'open' && s.connection.status === 'open' ? s.connection.synced : false,
    },
  }));
}

function handleEvent(event: EngineEvent): void {
  switch (event.event) {
    case 'state.snapshot': {
      useTerminal.setState((s) => applySnapshot(s, event.payload));
      // A reconnect lands on the server's default focus; put the user's pick back.
      const wanted = desiredFocus();
      const current = event.payload.focus;
      if (wanted && (wanted.symbol !== current.symbol || wanted.timeframe !== current.timeframe)) {
        void focus(wanted.symbol, wanted.timeframe);
      }
      return;
    }
    case 'state.delta':
      useTerminal.setState((s) => applyDelta(s, event.payload));
      return;
    case 'backtest.progress':
      receiveBacktestProgress(event.payload);
      return;
    case 'sweep.progress':
      receiveSweepProgress(event.payload);
      return;
    case 'app.command':
      sendAppCommand(event.payload.command);
      return;
    case 'app.notice':
      notify(event.payload.level, event.payload.text, APP_NOTICE_SHOWN_MS);
      return;
    default: {
      // A new event in the contract must get a case here; typecheck says so.
      const unhandled: never = event;
      return unhandled;
    }
  }
}

function ensureSnapshot(delayMs: number): ReturnType<typeof setTimeout> {
  return setTimeout(() => {
    const { status, synced } = useTerminal.getState().connection;
    if (status === 'open' && !synced) void refreshSnapshot();
  }, delayMs);
}

/** Starts the one connection of this page; it lives as long as the page. */
export function startBridge(): void {
  let api: EngineApi;
  let snapshotTimer: ReturnType<typeof setTimeout> | null = null;
  const ipc = electronApi();
  if (ipc) {
    api = ipc;
    setConnection('ipc', 'open', 0);
  } else {
    const token = takeTokenFromAddress(window.location, window.history);
    const checkUrl = tokenCheckUrl(window.location, token);
    api = createWsTransport({
      url: webSocketUrl(window.location, token),
      tokenAccepted: async () => (await fetch(checkUrl, { cache: 'no-store' })).status !== 401,
      onStatus: (status, attempts) => {
        setConnection('ws', status, attempts);
        if (status === 'open') {
          if (snapshotTimer) clearTimeout(snapshotTimer);
          snapshotTimer = ensureSnapshot(SNAPSHOT_GRACE_MS);
        }
      },
    });
  }
  setTransport(api);
  api.onEvent(handleEvent);
  // Main pushes a snapshot once the page has loaded; ask for one only if it never comes.
  if (ipc) ensureSnapshot(SNAPSHOT_GRACE_MS);
}
