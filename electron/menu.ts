/**
 * The native menu. Items that belong to a page (new request, import, export, about, settings)
 * send a menu command to the renderer, which owns the dialogs; items that belong to the shell
 * (back up now, show the data folder) call main directly. Built as a plain template so tests can
 * read and click it without Electron.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../db/bridge';

/** What the menu items do. */
export interface MenuActions {
  /** Sends a command to the focused app window. */
  send(command: MenuCommand): void;
  /** Takes a backup and tells the user where it went. */
  backupNow(): void;
  /** Shows the data folder in the system file manager. */
  showDataFolder(): void;
}

/** How the menu differs by platform and build. */
export interface MenuOptions {
  /** macOS: the first menu is the app menu, Settings and Quit live there. */
  isMac: boolean;
  /** Development build: View offers reload and the developer tools. */
  isDev: boolean;
  appName: string;
}

/** The application menu template. */
export function buildMenuTemplate(actions: MenuActions, options: MenuOptions): MenuItemConstructorOptions[] {
  const settings: MenuItemConstructorOptions = {
    label: options.isMac ? 'Settings…' : 'Settings',
    accelerator: 'CmdOrCtrl+,',
    click: () => actions.send('settings'),
  };
  const appMenu: MenuItemConstructorOptions[] = options.isMac
    ? [
        {
          label: options.appName,
          submenu: [
            { label: `About ${options.appName}`, click: () => actions.send('about') },
            { type: 'separator' },
            settings,
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'New request', accelerator: 'CmdOrCtrl+N', click: () => actions.send('new-request') },
      { type: 'separator' },
      { label: 'Import…', accelerator: 'CmdOrCtrl+O', click: () => actions.send('import') },
      { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => actions.send('export') },
      { type: 'separator' },
      { label: 'Back up now', click: () => actions.backupNow() },
      ...(options.isMac ? [] : [{ type: 'separator' } as const, settings]),
      { type: 'separator' },
      options.isMac ? { role: 'close' } : { role: 'quit', label: 'Quit' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...(options.isDev
        ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const)
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      ...(options.isMac ? [] : [{ label: `About ${options.appName}`, click: () => actions.send('about') }]),
      { label: 'Show data folder', click: () => actions.showDataFolder() },
    ],
  };

  // Window is a macOS convention; elsewhere the title bar already has its buttons.
  return [...appMenu, file, { role: 'editMenu' }, view, ...(options.isMac ? [{ role: 'windowMenu' } as const] : []), help];
}
