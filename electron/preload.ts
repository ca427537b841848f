/**
 * The preload: the renderer's only door to main, exposed as `window.api` exactly per
 * db/bridge.ts WindowApi. ipcRenderer itself never crosses the bridge (checklist #20): the page
 * gets two functions, one that invokes an allow-listed channel and one that listens to menu
 * commands. Runs sandboxed, so it is bundled into one CommonJS file that requires only 'electron'
 * (scripts/build-electron.mjs checks that nothing else got in).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { MenuCommand, WindowApi } from '../db/bridge';
import { INVOKE_CHANNEL, MENU_EVENT, isInvokableChannel, isMenuCommand } from './channels';

const api: WindowApi = {
  invoke(channel: string, args: unknown) {
    // Main checks again; refusing here keeps a typo from even reaching IPC.
    if (!isInvokableChannel(channel)) {
      return Promise.resolve({
        ok: false as const,
        error: { code: 'unknown_channel' as const, message: `There is no channel named ${JSON.stringify(String(channel)).slice(0, 100)}.` },
      });
    }
    return ipcRenderer.invoke(INVOKE_CHANNEL, channel, args);
  },
  onMenu(listener: (command: MenuCommand) => void) {
    if (typeof listener !== 'function') throw new TypeError('onMenu expects a function.');
    // The page receives the command only, never the IPC event (which holds the sender).
    const forward = (_event: IpcRendererEvent, command: unknown) => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(MENU_EVENT, forward);
    return () => {
      ipcRenderer.removeListener(MENU_EVENT, forward);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
