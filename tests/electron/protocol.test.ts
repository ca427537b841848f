import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, resolveRendererPath, serveRendererRequest } from '../../electron/protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/security';

const root = path.resolve('/srv/app/dist/renderer');

describe('resolveRendererPath (path containment)', () => {
  it('maps app URLs to files inside the renderer folder', () => {
    expect(resolveRendererPath(root, 'app://country-visits/')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererPath(root, 'app://country-visits')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererPath(root, 'app://country-visits/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererPath(root, 'app://country-visits/assets/index-abc.js')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveRendererPath(root, 'app://country-visits/assets/index.js?v=1#x')).toBe(path.join(root, 'assets', 'index.js'));
    expect(resolveRendererPath(root, 'app://country-visits/fonts/Noto%20Sans.woff2')).toBe(path.join(root, 'fonts', 'Noto Sans.woff2'));
    expect(resolveRendererPath(root, 'app://country-visits/assets//a.js')).toBe(path.join(root, 'assets', 'a.js'));
  });

  it('refuses encoded separators, backslashes, NUL, drive letters, streams, devices and bad escapes', () => {
    for (const url of [
      'app://country-visits/..%2fpackage.json',
      'app://country-visits/..%2F..%2Fetc%2Fpasswd',
      'app://country-visits/assets/..%2f..%2f..%2fetc/passwd',
      'app://country-visits/%2fetc%2fpasswd',
      'app://country-visits/%2e%2e%2fpackage.json',
      'app://country-visits/..%5c..%5cwindows%5cwin.ini',
      'app://country-visits/%2e%2e%5cpackage.json',
      'app://country-visits/..\\..\\windows\\win.ini',
      'app://country-visits/index.html%00.png',
      'app://country-visits/C:%5cWindows%5cwin.ini',
      'app://country-visits/C:/Windows/win.ini',
      'app://country-visits/index.html::$DATA',
      'app://country-visits/CON',
      'app://country-visits/assets/nul.js',
      'app://country-visits/%E0%A4%A',
    ]) {
      expect(resolveRendererPath(root, url), url).toBeNull();
    }
  });

  it('keeps dot segments (literal or %2e-encoded) inside the folder: the URL parser removes them first', () => {
    // new URL() (and Chromium for a standard scheme) resolves "..", "%2e%2e", ".%2e" against the
    // root of the URL path, so they can climb no higher than the renderer folder.
    for (const [url, inside] of [
      ['app://country-visits/../package.json', 'package.json'],
      ['app://country-visits/../../../../etc/passwd', 'etc/passwd'],
      ['app://country-visits/assets/../../electron/main.js', 'electron/main.js'],
      ['app://country-visits/%2e%2e/package.json', 'package.json'],
      ['app://country-visits/%2E%2E/%2E%2E/etc/passwd', 'etc/passwd'],
      ['app://country-visits/.%2e/package.json', 'package.json'],
      // Double encoding decodes once, to a harmless literal name.
      ['app://country-visits/%252e%252e/package.json', '%2e%2e/package.json'],
    ] as const) {
      expect(resolveRendererPath(root, url), url).toBe(path.join(root, ...inside.split('/')));
    }
  });

  it('refuses other schemes, other hosts and absolute paths', () => {
    for (const url of [
      'file:///etc/passwd',
      'https://country-visits/index.html',
      'app://evil/index.html',
      'app://country-visits.evil/index.html',
      'app://user@country-visits.evil/index.html',
      'app:///etc/passwd',
      '/etc/passwd',
      'not a url',
    ]) {
      expect(resolveRendererPath(root, url), url).toBeNull();
    }
  });

  it('registers a standard, secure scheme that never bypasses the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeFalsy();
    expect(APP_SCHEME_PRIVILEGES.privileges?.allowServiceWorkers).toBeFalsy();
  });
});

describe('serveRendererRequest', () => {
  let dir: string;
  let rendererRoot: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cv-protocol-'));
    rendererRoot = path.join(dir, 'dist', 'renderer');
    mkdirSync(path.join(rendererRoot, 'assets'), { recursive: true });
    writeFileSync(path.join(rendererRoot, 'index.html'), '<!doctype html><title>Country Visits</title>');
    writeFileSync(path.join(rendererRoot, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(path.join(rendererRoot, 'assets', 'index-abc.css'), 'body{}');
    writeFileSync(path.join(dir, 'secret.txt'), 'do not serve');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const get = (url: string, method = 'GET') => serveRendererRequest(new Request(url, { method }), rendererRoot);

  it('serves files with their type and the CSP on every response', async () => {
    const page = await get('app://country-visits/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('Country Visits');

    const script = await get('app://country-visits/assets/index-abc.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://country-visits/assets/index-abc.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers 404 (with the CSP) for traversal, missing files and folders', async () => {
    for (const url of [
      'app://country-visits/..%2fsecret.txt',
      'app://country-visits/%2e%2e/%2e%2e/secret.txt',
      'app://country-visits/..%5csecret.txt',
      'app://country-visits/missing.js',
      'app://country-visits/assets',
      'app://other/index.html',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(await response.text()).not.toContain('do not serve');
    }
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://country-visits/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await get('app://country-visits/index.html', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});
