// A stand-in for the 'electron' module, just enough for dist/electron/main.js to start: it records
// what main asks of Electron, then drives the app the way Chromium would (an app:// request, IPC
// calls from a trusted and a foreign frame, a navigation) and prints one line
// "STUB-RESULT <json>" for tests/electron/main-bundle.test.ts. Not a mock of the database: the
// bundle opens a real SQLite file in the data folder the test passes.
import { EventEmitter } from 'node:events';

const record = {
  schemes: [],
  sandboxEnabled: false,
  userData: null,
  errors: [],
  windows: [],
  menu: null,
  session: { permissionRequest: false, permissionCheck: false, devicePermission: false, httpsCancelled: null, appCancelled: null },
  protocolHandled: [],
  ipcChannels: [],
  lock: null,
};
let protocolHandler = null;
let ipcHandler = null;
const webContentsCreated = [];
let readyResolve;
const ready = new Promise((resolve) => (readyResolve = resolve));

function finish(code, extra = {}) {
  process.stdout.write(`STUB-RESULT ${JSON.stringify({ ...record, ...extra, exitCode: code })}\n`);
  process.exit(code);
}

const appEvents = new EventEmitter();
export const app = {
  isPackaged: false,
  getAppPath: () => process.env.STUB_APP_PATH,
  getPath: (name) => (name === 'userData' ? record.userData ?? process.env.STUB_DEFAULT_USER_DATA : `/tmp/stub-${name}`),
  setPath: (name, value) => {
    if (name === 'userData') record.userData = value;
  },
  getVersion: () => '0.0.0-stub',
  enableSandbox: () => {
    record.sandboxEnabled = true;
  },
  requestSingleInstanceLock: () => {
    record.lock = true;
    return true;
  },
  setAppUserModelId: () => {},
  on: (event, listener) => {
    appEvents.on(event, listener);
    return app;
  },
  whenReady: () => ready,
  quit: () => finish(0),
  exit: (code) => finish(code),
};

export const protocol = {
  registerSchemesAsPrivileged: (schemes) => record.schemes.push(...schemes),
  handle: (scheme, handler) => {
    record.protocolHandled.push(scheme);
    protocolHandler = handler;
  },
};

export const ipcMain = {
  handle: (channel, handler) => {
    record.ipcChannels.push(channel);
    ipcHandler = handler;
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (handler) => {
      let granted = null;
      handler(null, 'media', (answer) => (granted = answer), {});
      record.session.permissionRequest = granted === false;
    },
    setPermissionCheckHandler: (handler) => {
      record.session.permissionCheck = handler(null, 'clipboard-read', 'app://country-visits', {}) === false;
    },
    setDevicePermissionHandler: (handler) => {
      record.session.devicePermission = handler({}) === false;
    },
    webRequest: {
      onBeforeRequest: (...args) => {
        const handler = args.at(-1);
        let cancelled = null;
        handler({ url: 'https://example.org/' }, (response) => (cancelled = response.cancel));
        record.session.httpsCancelled = cancelled;
        handler({ url: 'app://country-visits/index.html' }, (response) => (cancelled = response.cancel));
        record.session.appCancelled = cancelled;
      },
    },
  },
};

export const Menu = {
  buildFromTemplate: (template) => template,
  setApplicationMenu: (menu) => {
    record.menu = menu.map((item) => item.label ?? item.role);
  },
};

export const dialog = {
  showErrorBox: (title, content) => record.errors.push({ title, content }),
  showMessageBox: async () => ({ response: 0 }),
  showSaveDialog: async () => ({ canceled: true }),
};

export const shell = { openExternal: async () => {}, openPath: async () => '' };

class FakeWebContents extends EventEmitter {
  getURL() {
    return 'app://country-visits/index.html';
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  send() {}
}

async function drive() {
  // Chromium creates the window's web contents: main must harden it.
  const contents = new FakeWebContents();
  for (const listener of appEvents.listeners('web-contents-created')) listener({}, contents);
  let navigationPrevented = false;
  contents.emit('will-navigate', { url: 'https://example.org/', preventDefault: () => (navigationPrevented = true) });
  const windowOpen = contents.windowOpenHandler?.({ url: 'https://example.org/' });

  const page = await protocolHandler(new Request('app://country-visits/index.html'));
  const traversal = await protocolHandler(new Request('app://country-visits/..%2f..%2fpackage.json'));
  const trusted = { senderFrame: { url: 'app://country-visits/index.html', parent: null } };
  const foreign = { senderFrame: { url: 'https://evil.example/', parent: null } };
  const states = await ipcHandler(trusted, 'states:list', {});
  const info = await ipcHandler(trusted, 'app:info', {});
  const forbidden = await ipcHandler(foreign, 'states:list', {});
  finish(0, {
    navigationPrevented,
    windowOpen,
    page: { status: page.status, csp: page.headers.get('content-security-policy'), body: await page.text() },
    traversalStatus: traversal.status,
    statesCount: states.ok ? states.data.length : null,
    statesError: states.ok ? null : states.error,
    info,
    forbidden,
  });
}

export class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return [];
  }
  constructor(options) {
    super();
    record.windows.push(options);
    this.webContents = new FakeWebContents();
  }
  once(event, listener) {
    return super.once(event, listener);
  }
  async loadURL(url) {
    record.loadedUrl = url;
    setImmediate(() => drive().catch((error) => finish(3, { driveError: String(error?.stack ?? error) })));
  }
  isMinimized() {
    return false;
  }
  restore() {}
  show() {}
  focus() {}
}

// `ready` fires after the entry module has run, as in Electron.
setImmediate(() => readyResolve());
