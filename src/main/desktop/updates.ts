// New versions through electron-updater: off unless the trader switches it on in Settings, from the feed
// named there (a GitHub repository's releases, or an https address serving electron-builder's
// latest*.yml). A downloaded update installs only when the trader asks, and never while live orders
// work: installing quits the app, and a quit stops the desk that follows them.
import type { UpdateSettings } from '../../shared/settings.ts';

export type UpdateFeed = { provider: 'github'; owner: string; repo: string } | { provider: 'generic'; url: string };

/** electron-updater's autoUpdater, as far as the channel drives it. */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(feed: UpdateFeed): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(): void;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** How often an enabled channel looks for a new version. */
export const CHECK_EVERY_MS = 6 * 60 * 60 * 1000;

/** The feed a setting names, or null for none. */
export function feedOf(feed: string | null): UpdateFeed | null {
  if (feed === null) return null;
  if (feed.startsWith('https://')) return { provider: 'generic', url: feed };
  const [owner, repo] = feed.split('/');
  return owner && repo ? { provider: 'github', owner, repo } : null;
}

export interface UpdateChannelDeps {
  updater: Updater;
  /** Only an installed build can update itself. */
  packaged: boolean;
  liveOrdersWorking: () => boolean;
  tell: (level: 'info' | 'error', text: string) => void;
  log: (line: string) => void;
}

export class UpdateChannel {
  readonly #deps: UpdateChannelDeps;
  #feed: string | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;
  #downloaded: string | null = null;

  constructor(deps: UpdateChannelDeps) {
    this.#deps = deps;
    deps.updater.autoDownload = true;
    // Never on quit behind the trader's back: installing waits for install().
    deps.updater.autoInstallOnAppQuit = false;
    deps.updater.on('update-downloaded', (info) => {
      this.#downloaded = info.version;
      deps.tell('info', `HFT Desk ${info.version} is downloaded: Help > Install update restarts into it (not while live orders are working).`);
    });
    deps.updater.on('error', (error) => deps.log(`Checking for updates failed: ${error.message}`));
  }

  /** Follows the settings: checks now and every few hours while enabled with a feed, nothing otherwise. */
  configure(settings: UpdateSettings): void {
    const feed = settings.enabled ? settings.feed : null;
    if (feed === this.#feed) return;
    this.#feed = feed;
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    const target = feedOf(feed);
    if (target === null) return;
    if (!this.#deps.packaged) {
      this.#deps.log('Updates are switched on, but only an installed build can update itself; this one runs from source.');
      return;
    }
    this.#deps.updater.setFeedURL(target);
    const check = (): void => {
      this.#deps.updater.checkForUpdates().catch((error: unknown) => this.#deps.log(`Checking for updates failed: ${(error as Error).message}`));
    };
    check();
    this.#timer = setInterval(check, CHECK_EVERY_MS);
  }

  /** Restarts into the downloaded version, unless there is none or live orders are working. */
  install(): void {
    if (this.#downloaded === null) {
      this.#deps.tell('info', this.#feed === null ? 'Updates are off: switch them on in Settings to look for a new version.' : 'No new version is downloaded yet.');
      return;
    }
    if (this.#deps.liveOrdersWorking()) {
      this.#deps.tell('error', `HFT Desk ${this.#downloaded} is not installed while live orders are working: installing restarts the app. Install it once they are done.`);
      return;
    }
    this.#deps.log(`Installing HFT Desk ${this.#downloaded}.`);
    this.#deps.updater.quitAndInstall();
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }
}
