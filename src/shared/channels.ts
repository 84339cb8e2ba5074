// IPC channel names, apart from contract.ts so the sandboxed preload can import them without zod.
export const IPC_COMMAND_CHANNEL = 'hft:command';
export const IPC_EVENT_CHANNEL = 'hft:event';
