// The memory section in a process of its own (run.ts starts it with --expose-gc), so heap and RSS show
// this one engine, not what the earlier sections left behind. Prints the MemoryResult as JSON on stdout.
import { runMemorySection } from './memory-pass.ts';

process.stdout.write(`${JSON.stringify(await runMemorySection())}\n`);
