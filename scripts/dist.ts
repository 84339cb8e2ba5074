// Builds the installers (after `electron-vite build`, which `npm run dist` runs first):
//   npm run dist                  this platform's installers (AppImage and deb; dmg; NSIS)
//   npm run dist -- --linux dir   any electron-builder platform flags and targets
// Code signing and notarization come from the environment (see builder-config.ts); what is missing is
// said, and the build goes on unsigned.
import { build, Platform } from 'electron-builder';
import { builderConfig, signingPlan } from './packaging/builder-config.ts';

const PLATFORMS: Record<string, Platform> = { '--linux': Platform.LINUX, '--mac': Platform.MAC, '--win': Platform.WINDOWS };

function targetsFromArgs(args: readonly string[]): Map<Platform, Map<import('electron-builder').Arch, string[]>> | undefined {
  const picked: { platform: Platform; targets: string[] }[] = [];
  for (const arg of args) {
    const platform = PLATFORMS[arg];
    if (platform !== undefined) picked.push({ platform, targets: [] });
    else if (picked.length > 0) picked.at(-1)!.targets.push(arg);
    else throw new Error(`"${arg}": name a platform first (--linux, --mac or --win), then its targets.`);
  }
  if (picked.length === 0) return undefined;
  return new Map(picked.flatMap(({ platform, targets }) => [...platform.createTarget(targets.length > 0 ? targets : null)]));
}

for (const line of signingPlan(process.env).lines) console.log(line);
const files = await build({ targets: targetsFromArgs(process.argv.slice(2)), config: builderConfig(process.env) });
console.log(`Built:\n${files.map((file) => `  ${file}`).join('\n')}`);
