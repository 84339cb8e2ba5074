// The allocation section in a process of its own: run.ts starts it with --expose-gc and a young
// generation large enough that a window of candles allocates without a GC (allocation-pass.ts).
// Prints the AllocationResult as JSON on stdout.
import { runAllocationSection } from './allocation-pass.ts';

process.stdout.write(`${JSON.stringify(await runAllocationSection())}\n`);
