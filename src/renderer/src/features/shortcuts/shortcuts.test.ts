import { describe, expect, it } from 'vitest';
import { shortcutFor, SHORTCUTS, type KeyPress } from './shortcuts.ts';

const press = (key: string, change: Partial<KeyPress> = {}): KeyPress => ({ key, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, typing: false, ...change });

describe('keyboard shortcuts', () => {
  it('maps single letters to ticket and order actions when the trader is not typing', () => {
    expect(shortcutFor(press('t'))).toBe('focus-ticket');
    expect(shortcutFor(press('b'))).toBe('side-buy');
    expect(shortcutFor(press('s'))).toBe('side-sell');
    expect(shortcutFor(press('x'))).toBe('cancel-newest');
    expect(shortcutFor(press('?', { shiftKey: true }))).toBe('help');
  });

  it('halts only on Shift+H, never on a plain h', () => {
    expect(shortcutFor(press('H', { shiftKey: true }))).toBe('halt');
    expect(shortcutFor(press('h'))).toBeNull();
  });

  it('leaves letters alone while a field is being typed in, but Escape still leaves the field', () => {
    for (const key of ['t', 'b', 's', 'x', '?']) expect(shortcutFor(press(key, { typing: true }))).toBeNull();
    expect(shortcutFor(press('H', { shiftKey: true, typing: true }))).toBeNull();
    expect(shortcutFor(press('Escape', { typing: true }))).toBe('escape');
  });

  it('leaves the browser and system shortcuts alone (Ctrl, Cmd, Alt)', () => {
    expect(shortcutFor(press('s', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('t', { metaKey: true }))).toBeNull();
    expect(shortcutFor(press('b', { altKey: true }))).toBeNull();
  });

  it('lists every action it maps, once', () => {
    const actions = SHORTCUTS.map((s) => s.action);
    expect(new Set(actions).size).toBe(actions.length);
    expect(actions.sort()).toEqual(['cancel-newest', 'escape', 'focus-ticket', 'halt', 'help', 'side-buy', 'side-sell']);
  });
});
