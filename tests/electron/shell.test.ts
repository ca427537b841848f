import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { appChannels, MENU_COMMANDS, type MenuCommand } from '../../db/bridge';
import { channels } from '../../db/contract';
import {
  APP_CHANNEL_NAMES,
  DB_CHANNEL_NAMES,
  MENU_COMMAND_NAMES,
  isInvokableChannel,
  isMenuCommand,
} from '../../electron/channels';
import { buildMenuTemplate, type MenuActions } from '../../electron/menu';
import { DATA_DIR_ENV, dataDirOverride, dataPaths } from '../../electron/paths';

describe('the preload allow-lists', () => {
  it('name exactly the contract’s channels, the app channels and the menu commands', () => {
    expect([...DB_CHANNEL_NAMES].sort()).toEqual(Object.keys(channels).sort());
    expect([...APP_CHANNEL_NAMES].sort()).toEqual(Object.keys(appChannels).sort());
    expect([...MENU_COMMAND_NAMES].sort()).toEqual([...MENU_COMMANDS].sort());
  });

  it('accept only those names', () => {
    expect(isInvokableChannel('requests:list')).toBe(true);
    expect(isInvokableChannel('app:saveFile')).toBe(true);
    for (const name of ['requests:drop', '__proto__', 'constructor', '', 1, null, undefined]) expect(isInvokableChannel(name)).toBe(false);
    expect(isMenuCommand('new-request')).toBe(true);
    for (const value of ['quit', 'toString', undefined, {}]) expect(isMenuCommand(value)).toBe(false);
  });
});

describe('the data folder', () => {
  it('comes from --data-dir=, then the environment, else the default', () => {
    expect(dataDirOverride(['electron', '.', '--data-dir=/tmp/cv-test'], {})).toBe(path.resolve('/tmp/cv-test'));
    expect(dataDirOverride(['electron', '.', '--data-dir=/a', '--data-dir=/b'], {})).toBe(path.resolve('/b'));
    expect(dataDirOverride(['electron', '.'], { [DATA_DIR_ENV]: '/tmp/from-env' })).toBe(path.resolve('/tmp/from-env'));
    expect(dataDirOverride(['electron', '.', '--data-dir=/flag'], { [DATA_DIR_ENV]: '/env' })).toBe(path.resolve('/flag'));
    expect(dataDirOverride(['electron', '.', '--data-dir='], { [DATA_DIR_ENV]: '  ' })).toBeNull();
    expect(dataDirOverride(['electron', '.', 'relative-data', '--data-dir=relative'], {})).toBe(path.resolve('relative'));
  });

  it('holds the database and the backups folder', () => {
    expect(dataPaths('/data')).toEqual({
      dataDir: '/data',
      databaseFile: path.join('/data', 'country-visits.sqlite'),
      backupsDir: path.join('/data', 'backups'),
    });
  });
});

function labels(items: MenuItemConstructorOptions[]): (string | undefined)[] {
  return items.map((item) => item.label ?? item.role);
}
function submenu(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const item = items.find((i) => (i.label ?? i.role) === label);
  if (!item || !Array.isArray(item.submenu)) throw new Error(`no submenu ${label}`);
  return item.submenu;
}
function click(items: MenuItemConstructorOptions[], label: string) {
  const item = items.find((i) => i.label === label);
  if (!item?.click) throw new Error(`no item ${label}`);
  (item.click as () => void)();
}

describe('the menu', () => {
  const actions = () => ({ send: vi.fn<(command: MenuCommand) => void>(), backupNow: vi.fn<() => void>(), showDataFolder: vi.fn<() => void>() }) satisfies MenuActions;

  it('has File, Edit, View and Help; File items send commands or call the shell', () => {
    const a = actions();
    const menu = buildMenuTemplate(a, { isMac: false, isDev: false, appName: 'Country Visits' });
    expect(labels(menu)).toEqual(['File', 'editMenu', 'View', 'help']);
    const file = submenu(menu, 'File');
    expect(labels(file).filter(Boolean)).toEqual(['New request', 'Import…', 'Export…', 'Back up now', 'Settings', 'Quit']);
    click(file, 'New request');
    click(file, 'Import…');
    click(file, 'Export…');
    click(file, 'Settings');
    expect(a.send.mock.calls.map(([c]) => c)).toEqual(['new-request', 'import', 'export', 'settings']);
    click(file, 'Back up now');
    expect(a.backupNow).toHaveBeenCalledOnce();
    const help = submenu(menu, 'help');
    click(help, 'About Country Visits');
    click(help, 'Show data folder');
    expect(a.send).toHaveBeenLastCalledWith('about');
    expect(a.showDataFolder).toHaveBeenCalledOnce();
    for (const item of file) if (item.click) expect(item.role).toBeUndefined();
  });

  it('offers reload and the developer tools only in development', () => {
    const roles = (isDev: boolean) => submenu(buildMenuTemplate(actions(), { isMac: false, isDev, appName: 'Country Visits' }), 'View').map((i) => i.role);
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).toEqual(expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']));
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('follows the macOS layout on a Mac', () => {
    const menu = buildMenuTemplate(actions(), { isMac: true, isDev: false, appName: 'Country Visits' });
    expect(labels(menu)).toEqual(['Country Visits', 'File', 'editMenu', 'View', 'windowMenu', 'help']);
    expect(labels(submenu(menu, 'Country Visits'))).toContain('Settings…');
  });
});
