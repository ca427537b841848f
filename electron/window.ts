/**
 * The app's windows. Their webPreferences are written out literally here, in the one
 * `new BrowserWindow` of the app (createSecureWindow), so a reader (and Electronegativity) sees every setting:
 * context isolation, sandbox, no Node, web security, no webview, no insecure content (checklist
 * #2, #3, #4, #6, #8, #9, #10). The preload is the only bridge (electron/preload.ts).
 */
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL } from './security';

/** What the window needs from main. */
export interface MainWindowOptions {
  /** Absolute path of the bundled preload (dist/electron/preload.cjs). */
  preload: string;
  /** Window icon (Linux and Windows show it in the task bar). */
  icon?: string;
  /** Development build: the developer tools may open. */
  isDev: boolean;
}

/** The frame of a window (size, title, icon, shown or not); its web preferences are never a choice. */
export type WindowFrame = Pick<BrowserWindowConstructorOptions, 'width' | 'height' | 'minWidth' | 'minHeight' | 'title' | 'icon' | 'show' | 'backgroundColor'>;

/**
 * The one `new BrowserWindow` of the app: every window (the main one, the hidden print window of
 * electron/print.ts) gets exactly these web preferences. Only the preload differs: a window
 * without one (the print window) has no bridge to main at all.
 */
export function createSecureWindow(frame: WindowFrame, options: { preload?: string; isDev: boolean }): BrowserWindow {
  return new BrowserWindow({
    ...frame,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // A middle click would otherwise try to open a window (setWindowOpenHandler denies it anyway).
      disableBlinkFeatures: 'Auxclick',
      devTools: options.isDev,
    },
  });
}

/**
 * Creates the main window (hidden until the page has painted) and starts loading the app.
 * @returns the window, and a promise that settles when the page has loaded (rejects when it cannot).
 */
export function createMainWindow(options: MainWindowOptions): { window: BrowserWindow; loaded: Promise<void> } {
  const window = createSecureWindow(
    { width: 1280, height: 840, minWidth: 960, minHeight: 600, title: 'Country Visits', icon: options.icon, show: false, backgroundColor: '#ffffff' },
    { preload: options.preload, isDev: options.isDev },
  );
  window.once('ready-to-show', () => window.show());
  return { window, loaded: window.loadURL(APP_ENTRY_URL) };
}

/** Brings an existing window to the front (a second launch of the app lands here). */
export function focusWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
