import { Platform, type Arch } from 'electron-builder';

const PLATFORMS: Record<string, Platform> = { '--linux': Platform.LINUX, '--mac': Platform.MAC, '--win': Platform.WINDOWS };

/**
 * `--linux dir --win nsis` as electron-builder's targets: each platform flag followed by its targets (none:
 * the platform's own from the config). No argument: undefined, this platform's installers.
 */
export function targetsFromArgs(args: readonly string[]): Map<Platform, Map<Arch, string[]>> | undefined {
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
