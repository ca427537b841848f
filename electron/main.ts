/**
 * The main process: one instance, the database opened (backed up, then migrated) in the data
 * folder, the guards of security.ts on every web contents and the session, the renderer served on
 * app://, one IPC entry point, the menu, the window. A database that cannot be opened, or that a
 * newer version wrote, stops the app with a native error dialog before any window opens.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createApi } from '../db/api';
import { backupDatabase } from '../db/backup';
import { DatabaseTooNewError, openDatabase, type OpenDatabase } from '../db/connection';
import { lettersPrintDocument, markLettersPrinted } from '../db/letterStore';
import { createAppHandlers, writeFileAtomic, type AppServices } from './app-channels';
import { printJobToPdf, printJobWithDialog } from './print';
import { PrintJobs } from './printJobs';
import { MENU_EVENT } from './channels';
import { registerIpc } from './ipc';
import { buildMenuTemplate, type MenuActions } from './menu';
import { dataDirOverride, dataPaths } from './paths';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './protocol';
import { hardenWebContents, isTrustedSender, lockDownSession } from './security';
import { createMainWindow, focusWindow } from './window';

const APP_NAME = 'Country Visits';
const isDev = !app.isPackaged;
const isMac = process.platform === 'darwin';

// Before `ready`: the scheme's privileges, the sandbox for every renderer, the data folder.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();
const override = dataDirOverride(process.argv, process.env);
// Another data folder is another profile: its own Chromium storage and its own single-instance
// lock, so test runs never meet each other or the user's real app.
if (override) app.setPath('userData', override);
const paths = dataPaths(override ?? app.getPath('userData'));

let database: OpenDatabase | null = null;
let mainWindow: BrowserWindow | null = null;

function closeDatabase(): void {
  // better-sqlite3's close is synchronous and checkpoints the WAL into the main file.
  if (database?.sqlite.open) database.sqlite.close();
  database = null;
}

/** Shows a native error dialog and ends the app; nothing else happens after it. */
function fatal(title: string, detail: string): void {
  console.error(`${title}\n${detail}`);
  closeDatabase();
  dialog.showErrorBox(title, detail);
  app.exit(1);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function openWindow(): void {
  const appPath = app.getAppPath();
  const { window, loaded } = createMainWindow({
    preload: path.join(appPath, 'dist', 'electron', 'preload.cjs'),
    icon: path.join(appPath, 'assets', 'icon.png'),
    isDev,
  });
  mainWindow = window;
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  loaded.catch((error: unknown) => {
    // ERR_ABORTED only means another navigation replaced the first load (the page is there).
    if ((error as { code?: unknown } | null)?.code === 'ERR_ABORTED') return;
    fatal(`${APP_NAME} could not show its window`, messageOf(error));
  });
}

async function backupFromMenu(services: AppServices): Promise<void> {
  try {
    const file = await services.backupNow();
    const options = { type: 'info' as const, message: 'Backup saved', detail: file };
    await (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
  } catch (error) {
    dialog.showErrorBox('The backup failed', `${messageOf(error)}\n\nBackups folder: ${paths.backupsDir}`);
  }
}

async function start(): Promise<void> {
  const appPath = app.getAppPath();
  const rendererRoot = path.join(appPath, 'dist', 'renderer');
  if (!existsSync(path.join(rendererRoot, 'index.html'))) {
    return fatal(`${APP_NAME} is incomplete`, `${rendererRoot} has no index.html. Build the app first: npm run build.`);
  }

  try {
    mkdirSync(paths.dataDir, { recursive: true });
    // openDatabase backs the file up into backupsDir before any pending migration runs.
    database = await openDatabase(paths.databaseFile, {
      backupDir: paths.backupsDir,
      referenceDir: path.join(appPath, 'assets', 'reference'),
    });
  } catch (error) {
    if (error instanceof DatabaseTooNewError) {
      return fatal(`${APP_NAME} cannot open this database`, `${error.message}\n\nDatabase: ${paths.databaseFile}`);
    }
    return fatal(
      `${APP_NAME} could not open its database`,
      `${messageOf(error)}\n\nDatabase: ${paths.databaseFile}\nBackups: ${paths.backupsDir}`,
    );
  }
  const { db, sqlite } = database;

  lockDownSession(session.defaultSession);
  // Print jobs (reminder letters) are served under app://country-visits/print/<token>/ to the
  // hidden print window, with the fonts shipped in assets/fonts.
  const printJobs = new PrintJobs(path.join(appPath, 'assets', 'fonts'));
  registerAppProtocol(protocol, rendererRoot, printJobs);

  const services: AppServices = {
    async chooseSavePath(defaultName, filters) {
      const options: SaveDialogOptions = {
        defaultPath: path.join(app.getPath('documents'), defaultName),
        filters,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const result = await (mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options));
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    writeFile: writeFileAtomic,
    backupNow: () => backupDatabase(sqlite, paths.backupsDir, 'manual'),
    info: () => ({ version: app.getVersion(), dataFolder: paths.dataDir, databaseFile: paths.databaseFile, backupsFolder: paths.backupsDir }),
    openFolder: (folder) => shell.openPath(folder),
    async letterJobs(letterIds, perLetter) {
      const batches = perLetter ? letterIds.map((id) => [id]) : [letterIds];
      const out = [];
      for (const ids of batches) {
        const document = await lettersPrintDocument(db, ids);
        out.push({ fileName: document.fileName, job: { html: document.html, css: document.css } });
      }
      return out;
    },
    renderPdf: (job) => printJobToPdf(printJobs, job),
    printWithDialog: (job) => printJobWithDialog(printJobs, job),
    async chooseFolder() {
      const options: OpenDialogOptions = { defaultPath: app.getPath('documents'), properties: ['openDirectory', 'createDirectory'] };
      const result = await (mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options));
      return result.canceled || !result.filePaths[0] ? null : result.filePaths[0];
    },
    async markLettersPrinted(letterIds) {
      await db.transaction().execute((trx) => markLettersPrinted(trx, letterIds));
    },
  };
  registerIpc(ipcMain, { ...createApi(db), ...createAppHandlers(services) }, isTrustedSender);

  const actions: MenuActions = {
    send: (command) => mainWindow?.webContents.send(MENU_EVENT, command),
    backupNow: () => void backupFromMenu(services),
    showDataFolder: () =>
      void shell.openPath(paths.dataDir).then((error) => {
        if (error) dialog.showErrorBox('Could not show the data folder', `${error}\n\n${paths.dataDir}`);
      }),
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(actions, { isMac, isDev, appName: APP_NAME })));

  openWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Another instance owns this data folder: it gets focused (below, in that instance) and we leave.
  app.quit();
} else {
  if (process.platform === 'win32') app.setAppUserModelId('org.ohchr.countryvisits');
  app.on('second-instance', () => {
    if (mainWindow) focusWindow(mainWindow);
  });
  // Every web contents, including any created later, gets the navigation and window guards.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, shell));
  app.on('window-all-closed', () => {
    if (!isMac) app.quit();
  });
  app.on('activate', () => {
    if (database && BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('will-quit', closeDatabase);
  app.whenReady()
    .then(start)
    .catch((error: unknown) => fatal(`${APP_NAME} could not start`, messageOf(error)));
}
