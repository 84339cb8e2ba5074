// Builds the installers (after `electron-vite build`, which `npm run dist` runs first):
//   npm run dist                  this platform's installers (AppImage and deb; dmg; NSIS)
//   npm run dist -- --linux dir   any electron-builder platform flags and targets
// Code signing and notarization come from the environment (see builder-config.ts); what is missing is
// said, and the build goes on unsigned.
import { build } from 'electron-builder';
import { builderConfig, signingPlan } from './packaging/builder-config.ts';
import { targetsFromArgs } from './packaging/dist-targets.ts';

try {
  const targets = targetsFromArgs(process.argv.slice(2));
  for (const line of signingPlan(process.env).lines) console.log(line);
  const files = await build({ targets, config: builderConfig(process.env) });
  console.log(`Built:\n${files.map((file) => `  ${file}`).join('\n')}`);
} catch (error) {
  console.error(`npm run dist: ${(error as Error).message}`);
  process.exitCode = 1;
}
