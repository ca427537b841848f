/**
 * The security guards of the shell, each tied to an item of Electron's security checklist
 * (https://www.electronjs.org/docs/latest/tutorial/security). The decisions are pure functions;
 * the wiring takes Electron objects as arguments (types only are imported), so tests drive it with
 * stand-ins and never load the Electron binary.
 */
import type { Session, Shell, WebContents } from 'electron';

/** The custom scheme the renderer is served from (checklist #18: no file://). */
export const APP_SCHEME = 'app';
/** The one host of that scheme; the app's origin is `app://country-visits`. */
export const APP_HOST = 'country-visits';
/** What the main window loads. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * The Content-Security-Policy sent with every app:// response (checklist #7). Only the app's own
 * files run and load; nothing inline, no eval, no remote host, no plugins, no <base>, no form
 * posts, no framing by anyone. renderer/index.html repeats it as a <meta> (without
 * frame-ancestors, which browsers ignore there).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function parseUrl(url: unknown): URL | null {
  if (typeof url !== 'string') return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when `url` is a page or file of the app itself (`app://country-visits/...`).
 * Parsed, never compared as a string: "app://country-visits.evil" or "https://x/app://country-visits"
 * must not pass (checklist #13).
 */
export function isAppUrl(url: unknown): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}

// What a mailto: link may carry. Some mail clients honour ?attach=<local file>, which would let a
// page mail the user's files away; only the ordinary fields are let through.
const MAILTO_FIELDS = new Set(['to', 'cc', 'bcc', 'subject', 'body']);
const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * The URL to hand to the operating system, or null when it must not leave the app: only https:
 * (with a host, without user:password@, whose "user" part is the classic way to disguise the real
 * host) and mailto: (with only to/cc/bcc/subject/body). Everything else — http:, file:, smb:,
 * custom handlers that launch programs, javascript: — is refused (checklist #15).
 */
export function isSafeExternalUrl(url: unknown): string | null {
  if (typeof url !== 'string' || url.length > MAX_EXTERNAL_URL_LENGTH) return null;
  const parsed = parseUrl(url);
  if (!parsed) return null;
  if (parsed.protocol === 'https:') {
    if (!parsed.hostname || parsed.username || parsed.password) return null;
    return parsed.href;
  }
  if (parsed.protocol === 'mailto:') {
    for (const key of parsed.searchParams.keys()) if (!MAILTO_FIELDS.has(key.toLowerCase())) return null;
    return parsed.href;
  }
  return null;
}

/**
 * The only place in the app that calls shell.openExternal: opens `url` in the user's browser or
 * mail client when {@link isSafeExternalUrl} allows it.
 * @returns true when the URL was handed to the operating system.
 */
export async function safeOpenExternal(url: unknown, shell: Pick<Shell, 'openExternal'>): Promise<boolean> {
  const safe = isSafeExternalUrl(url);
  if (!safe) {
    console.warn(`Refused to open an external link: ${String(url).slice(0, 200)}`);
    return false;
  }
  try {
    await shell.openExternal(safe);
    return true;
  } catch (error) {
    console.warn(`Could not open ${safe}: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

/** What {@link isTrustedSender} reads of Electron's WebFrameMain. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/**
 * True when an IPC call comes from the app's own top-level page (checklist #17): the sending frame
 * still exists, is a main frame (no iframe, whatever it loaded), and shows an app:// URL. A frame
 * that navigated away or was destroyed has no senderFrame and is refused.
 */
export function isTrustedSender(event: { readonly senderFrame: SenderFrame | null }): boolean {
  try {
    const frame = event.senderFrame;
    return frame !== null && frame !== undefined && frame.parent === null && isAppUrl(frame.url);
  } catch {
    // Reading a frame that is being torn down can throw: an unknown sender is not trusted.
    return false;
  }
}

/**
 * Whether a frame may navigate to `url`: the app's own pages, and for an iframe also the empty
 * documents (about:blank, about:srcdoc) a page may use for previews. Anything else is denied.
 */
export function isAllowedNavigation(url: string, isMainFrame: boolean): boolean {
  if (isAppUrl(url)) return true;
  return !isMainFrame && (url === 'about:blank' || url === 'about:srcdoc');
}

/**
 * Locks one web contents down (checklist #12, #13, #14): navigation and redirects away from the
 * app are cancelled; a link the user follows to https:/mailto: opens outside through
 * {@link safeOpenExternal}; window.open and target=_blank never create a window; <webview> never
 * attaches. Called for every web contents the app creates (app 'web-contents-created').
 */
export function hardenWebContents(contents: WebContents, shell: Pick<Shell, 'openExternal'>): void {
  // The developer tools (development builds only: production windows have devTools off) are web
  // contents too; their own pages navigate inside devtools://, which is theirs to do.
  const isDevTools = () => parseUrl(contents.getURL())?.protocol === 'devtools:';
  contents.on('will-navigate', (event) => {
    // A main-frame navigation the page starts (a plain <a href="https://...">): never in-app.
    if (isAppUrl(event.url) || isDevTools()) return;
    event.preventDefault();
    void safeOpenExternal(event.url, shell);
  });
  contents.on('will-frame-navigate', (event) => {
    // Every frame, iframes included; this one never opens anything outside.
    if (!isAllowedNavigation(event.url, event.isMainFrame) && !isDevTools()) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    void safeOpenExternal(url, shell);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

const BLOCKED_REQUEST_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:', 'file:']);

/**
 * True for a request the session must cancel (checklist #1): anything on the network (http, https,
 * web sockets, ftp) and file:// (app pages come from app://). Unparseable URLs are cancelled too.
 */
export function isBlockedRequest(url: string): boolean {
  try {
    return BLOCKED_REQUEST_SCHEMES.has(new URL(url).protocol);
  } catch {
    return true;
  }
}

/**
 * Denies every permission request and check (camera, microphone, notifications, geolocation,
 * clipboard reading, HID/serial/USB devices...) of the session (checklist #5), and cancels every
 * request {@link isBlockedRequest} names: the app is offline by design, so a request out is a bug
 * or an attack. (No URL filter is given to webRequest, so every request is seen and decided here.)
 */
export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    console.warn(`Denied a permission request: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const cancel = isBlockedRequest(details.url);
    if (cancel) console.warn(`Blocked a request: ${details.url.slice(0, 200)}`);
    callback({ cancel });
  });
}
