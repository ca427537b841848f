/**
 * The app:// protocol that serves the built renderer (dist/renderer) instead of file://
 * (checklist #18). Every response carries the Content-Security-Policy; a path that could leave the
 * renderer folder is refused before the file system is touched.
 */
import type { CustomScheme, Protocol } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { PrintJobs } from './printJobs';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './security';

/**
 * Registered before `ready`: standard (real origin, relative URLs, storage), secure (a secure
 * context like https), fetch and CORS support for Vite's module scripts, code cache for speed.
 * Never bypassCSP, never service workers.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
};

// Windows opens devices for these names in any folder (dist/renderer/CON would hang a read).
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d|conin\$|conout\$)(\..*)?$/i;

/**
 * Maps an app:// URL to a file inside `root`, or null when it must not be served: another scheme
 * or host, a malformed escape, an encoded separator (%2f, %5c), a backslash, a "." or ".."
 * segment in any spelling, NUL bytes, drive letters and alternate data streams (":"), Windows
 * device names, or anything that resolves outside `root`. "/" means index.html.
 * Chromium already removes dot segments from standard-scheme URLs; this check does not rely on it.
 */
export function resolveRendererPath(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  // An encoded separator has no business in a file name: refuse before decoding can turn it into one.
  if (/%2f|%5c/i.test(url.pathname)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((s) => s === '.' || s === '..' || s.includes(':') || WINDOWS_DEVICE.test(s))) return null;
  if (segments.length === 0) segments.push('index.html');
  const base = path.resolve(root);
  const file = path.resolve(base, ...segments);
  const relative = path.relative(base, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return file;
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

/** The headers of every app:// response, error pages included. */
export function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    // A module script served with the wrong type must fail, not be sniffed into running.
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: securityHeaders('text/plain; charset=utf-8') });
}

/**
 * Answers one app:// request from the files under `root`: GET and HEAD only, the path checked by
 * {@link resolveRendererPath}, 404 for anything refused or missing.
 */
export async function serveRendererRequest(request: Request, root: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
  const file = resolveRendererPath(root, request.url);
  if (!file) return plain(404, 'Not found');
  try {
    const info = await stat(file);
    if (!info.isFile()) return plain(404, 'Not found');
    const type = MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(file));
    return new Response(body, { status: 200, headers: securityHeaders(type) });
  } catch {
    return plain(404, 'Not found');
  }
}

/**
 * Answers one app:// request: a print job's file when the URL is under /print/ (printJobs.ts),
 * else a file of the renderer. Print files get the same headers, CSP included.
 */
export async function serveAppRequest(request: Request, root: string, printJobs?: Pick<PrintJobs, 'resolve'>): Promise<Response> {
  const printed = printJobs?.resolve(request.url);
  if (printed) {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    if (!printed.found) return plain(404, 'Not found');
    const { contentType, body } = printed.resource;
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: securityHeaders(contentType) });
  }
  return serveRendererRequest(request, root);
}

/** Serves `root` (and the print jobs, when given) on app:// (after `ready`; the scheme must have been registered before). */
export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, root: string, printJobs?: Pick<PrintJobs, 'resolve'>): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, root, printJobs));
}
