import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, settingsSchema } from '../../shared/settings.ts';
import { feedOf, UpdateChannel, type UpdateFeed } from './updates.ts';

/** electron-updater's autoUpdater as the channel sees it, recording what it is asked. */
class StandInUpdater extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  feeds: UpdateFeed[] = [];
  checks = 0;
  installs = 0;
  setFeedURL(feed: UpdateFeed): void {
    this.feeds.push(feed);
  }
  checkForUpdates(): Promise<unknown> {
    this.checks++;
    return Promise.resolve(null);
  }
  quitAndInstall(): void {
    this.installs++;
  }
}

function channel(options: { packaged?: boolean; live?: () => boolean } = {}) {
  const updater = new StandInUpdater();
  const told: string[] = [];
  const updates = new UpdateChannel({ updater, packaged: options.packaged ?? true, liveOrdersWorking: options.live ?? (() => false), tell: (_level, text) => told.push(text), log: () => {} });
  return { updater, told, updates };
}

describe('updates', () => {
  it('are off by default, also for settings saved before there were any', () => {
    expect(DEFAULT_SETTINGS.updates).toEqual({ enabled: false, feed: null });
    const { updates: _none, ...older } = DEFAULT_SETTINGS;
    expect(settingsSchema.parse(older).updates).toEqual({ enabled: false, feed: null });
    const { updater, updates } = channel();
    updates.configure(DEFAULT_SETTINGS.updates);
    expect([updater.feeds, updater.checks]).toEqual([[], 0]);
    expect(updater.autoInstallOnAppQuit).toBe(false);
  });

  it('read a GitHub repository or an https address as their feed, and refuse anything else in settings', () => {
    expect(feedOf('hft-desk/hft-desk')).toEqual({ provider: 'github', owner: 'hft-desk', repo: 'hft-desk' });
    expect(feedOf('https://updates.example.com/desk')).toEqual({ provider: 'generic', url: 'https://updates.example.com/desk' });
    for (const feed of ['http://plain.example.com', 'file:///etc', 'just-a-name', 'a/b/c']) {
      expect(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, updates: { enabled: true, feed } }).success).toBe(false);
    }
  });

  it('check the feed once switched on, and only in an installed build', () => {
    const installed = channel();
    installed.updates.configure({ enabled: true, feed: 'hft-desk/hft-desk' });
    expect(installed.updater.feeds).toEqual([{ provider: 'github', owner: 'hft-desk', repo: 'hft-desk' }]);
    expect(installed.updater.checks).toBe(1);
    installed.updates.stop();
    const fromSource = channel({ packaged: false });
    fromSource.updates.configure({ enabled: true, feed: 'hft-desk/hft-desk' });
    expect(fromSource.updater.checks).toBe(0);
  });

  it('install a downloaded version when asked, never while live orders are working', () => {
    let live = true;
    const { updater, told, updates } = channel({ live: () => live });
    updates.configure({ enabled: true, feed: 'https://updates.example.com/desk' });
    updates.install();
    expect(updater.installs).toBe(0);
    expect(told.at(-1)).toBe('No new version is downloaded yet.');
    updater.emit('update-downloaded', { version: '0.2.0' });
    updates.install();
    expect(updater.installs).toBe(0);
    expect(told.at(-1)).toMatch(/^HFT Desk 0\.2\.0 is not installed while live orders are working/);
    live = false;
    updates.install();
    expect(updater.installs).toBe(1);
    updates.stop();
  });
});
