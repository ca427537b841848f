import { existsSync, readFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  hardenWebContents,
  isAllowedNavigation,
  isAppUrl,
  isBlockedRequest,
  isSafeExternalUrl,
  isTrustedSender,
  lockDownSession,
  safeOpenExternal,
} from '../../electron/security';

function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name!, values.join(' ')];
      }),
  );
}

describe('Content-Security-Policy', () => {
  it('allows nothing inline, no eval and no remote host', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|\*|https?:|blob:/);
    const policy = directives(CONTENT_SECURITY_POLICY);
    expect(Object.fromEntries(policy)).toEqual({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self'",
      'img-src': "'self' data:",
      'font-src': "'self'",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
    });
  });

  it('is repeated as a <meta> in renderer/index.html (frame-ancestors aside, which <meta> cannot carry)', (ctx) => {
    const file = 'renderer/index.html';
    ctx.skip(!existsSync(file), 'renderer/index.html does not exist yet');
    const html = readFileSync(file, 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
    expect(meta, 'a CSP <meta> in renderer/index.html').not.toBeNull();
    const expected = directives(CONTENT_SECURITY_POLICY);
    expected.delete('frame-ancestors');
    const actual = directives(meta![1]!);
    actual.delete('frame-ancestors');
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
  });
});

describe('isSafeExternalUrl and safeOpenExternal', () => {
  it('lets https: and plain mailto: through', () => {
    expect(isSafeExternalUrl('https://www.ohchr.org/en/special-procedures')).toBe('https://www.ohchr.org/en/special-procedures');
    expect(isSafeExternalUrl('HTTPS://WWW.OHCHR.ORG/')).toBe('https://www.ohchr.org/');
    expect(isSafeExternalUrl('mailto:sr-visits@ohchr.org')).toBe('mailto:sr-visits@ohchr.org');
    expect(isSafeExternalUrl('mailto:a@b.org?subject=Visit%20request&cc=c@d.org&body=Hello')).not.toBeNull();
  });

  it('refuses every other scheme, credentials, dangerous mailto fields and junk', () => {
    for (const url of [
      'http://www.ohchr.org/',
      'file:///etc/passwd',
      'file://server/share/x.exe',
      'smb://server/share',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox',
      'ms-msdt:/id PCWDiagnostic',
      'search-ms:query=x',
      'app://country-visits/index.html',
      'ftp://example.org/',
      'https://user:pass@example.org/',
      'https://www.ohchr.org@evil.example/',
      'mailto:a@b.org?attach=/home/user/.ssh/id_rsa',
      'mailto:a@b.org?ATTACHMENT=C:\\secret.docx',
      '//evil.example/',
      'www.ohchr.org',
      '',
      'https://',
      `https://example.org/${'a'.repeat(3000)}`,
      42,
      null,
      undefined,
      { href: 'https://example.org/' },
    ]) {
      expect(isSafeExternalUrl(url), String(url).slice(0, 60)).toBeNull();
    }
  });

  it('hands only allowed URLs to shell.openExternal', async () => {
    const shell = { openExternal: vi.fn(async () => {}) };
    expect(await safeOpenExternal('https://www.ohchr.org/', shell)).toBe(true);
    expect(await safeOpenExternal('file:///etc/passwd', shell)).toBe(false);
    expect(await safeOpenExternal('javascript:alert(1)', shell)).toBe(false);
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(shell.openExternal).toHaveBeenCalledWith('https://www.ohchr.org/');
  });

  it('reports false when the operating system cannot open the link', async () => {
    const shell = { openExternal: vi.fn(async () => Promise.reject(new Error('no browser'))) };
    expect(await safeOpenExternal('https://www.ohchr.org/', shell)).toBe(false);
  });
});

describe('app URLs, senders and navigation', () => {
  it('recognises the app origin by parsing, not by string prefix', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://country-visits/#/requests/12')).toBe(true);
    for (const url of ['app://country-visits.evil/', 'app://evil/country-visits', 'https://country-visits/', 'https://x.example/?app://country-visits/', 'app:country-visits', '']) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('trusts only the app’s own top-level frame', () => {
    const top = { url: APP_ENTRY_URL, parent: null };
    const event = (senderFrame: unknown) => ({ senderFrame }) as Parameters<typeof isTrustedSender>[0];
    expect(isTrustedSender(event(top))).toBe(true);
    expect(isTrustedSender(event({ url: APP_ENTRY_URL, parent: top }))).toBe(false);
    expect(isTrustedSender(event({ url: 'https://evil.example/', parent: null }))).toBe(false);
    expect(isTrustedSender(event(null))).toBe(false);
    const destroyed = {
      get url(): string {
        throw new Error('Render frame was disposed');
      },
      parent: null,
    };
    expect(isTrustedSender(event(destroyed))).toBe(false);
  });

  it('allows navigation only inside the app (and empty documents in iframes)', () => {
    expect(isAllowedNavigation('app://country-visits/index.html', true)).toBe(true);
    expect(isAllowedNavigation('https://www.ohchr.org/', true)).toBe(false);
    expect(isAllowedNavigation('about:blank', true)).toBe(false);
    expect(isAllowedNavigation('about:srcdoc', false)).toBe(true);
    expect(isAllowedNavigation('file:///etc/passwd', false)).toBe(false);
  });
});

/** A stand-in web contents: an event emitter that keeps the window-open handler. */
class FakeContents extends EventEmitter {
  url = 'app://country-visits/index.html';
  getURL() {
    return this.url;
  }
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
    this.windowOpenHandler = handler;
  }
}
function navigation(url: string, isMainFrame = true) {
  return { url, isMainFrame, preventDefault: vi.fn() };
}

describe('hardenWebContents', () => {
  function harden() {
    const contents = new FakeContents();
    const shell = { openExternal: vi.fn(async () => {}) };
    hardenWebContents(contents as unknown as WebContents, shell);
    return { contents, shell };
  }

  it('cancels navigation away from the app and opens safe links outside', async () => {
    const { contents, shell } = harden();
    const away = navigation('https://www.ohchr.org/');
    contents.emit('will-navigate', away);
    expect(away.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(shell.openExternal).toHaveBeenCalledWith('https://www.ohchr.org/'));

    const file = navigation('file:///etc/passwd');
    contents.emit('will-navigate', file);
    expect(file.preventDefault).toHaveBeenCalled();

    const inside = navigation('app://country-visits/index.html');
    contents.emit('will-navigate', inside);
    expect(inside.preventDefault).not.toHaveBeenCalled();
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('cancels frame navigations and redirects that leave the app, without opening anything', () => {
    const { contents, shell } = harden();
    const frame = navigation('https://evil.example/', false);
    contents.emit('will-frame-navigate', frame);
    expect(frame.preventDefault).toHaveBeenCalled();
    const redirect = navigation('https://evil.example/');
    contents.emit('will-redirect', redirect);
    expect(redirect.preventDefault).toHaveBeenCalled();
    const ownRedirect = navigation('app://country-visits/index.html');
    contents.emit('will-redirect', ownRedirect);
    expect(ownRedirect.preventDefault).not.toHaveBeenCalled();
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('denies every new window, passing only safe links to the system', async () => {
    const { contents, shell } = harden();
    expect(contents.windowOpenHandler!({ url: 'https://www.ohchr.org/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'app://country-visits/index.html' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'file:///C:/Windows/System32/calc.exe' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(shell.openExternal).toHaveBeenCalledTimes(1));
    expect(shell.openExternal).toHaveBeenCalledWith('https://www.ohchr.org/');
  });

  it('leaves the developer tools’ own navigation alone', () => {
    const { contents, shell } = harden();
    contents.url = 'devtools://devtools/bundled/devtools_app.html';
    const inside = navigation('devtools://devtools/bundled/other.html', false);
    contents.emit('will-frame-navigate', inside);
    expect(inside.preventDefault).not.toHaveBeenCalled();
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('prevents <webview> from attaching', () => {
    const { contents } = harden();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('lockDownSession', () => {
  it('denies permission requests, checks and devices, and cancels requests leaving the app', () => {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const fake = {
      setPermissionRequestHandler: (h: never) => (handlers.request = h),
      setPermissionCheckHandler: (h: never) => (handlers.check = h),
      setDevicePermissionHandler: (h: never) => (handlers.device = h),
      webRequest: { onBeforeRequest: (...args: never[]) => (handlers.network = args.at(-1) as never) },
    };
    lockDownSession(fake as unknown as Session);

    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const callback = vi.fn();
      (handlers.request as (...args: unknown[]) => void)({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect((handlers.check as (...args: unknown[]) => boolean)({}, permission, 'app://country-visits', {})).toBe(false);
    }
    expect((handlers.device as (...args: unknown[]) => boolean)({ deviceType: 'usb' })).toBe(false);

    const decide = (url: string) => {
      const callback = vi.fn();
      (handlers.network as (...args: unknown[]) => void)({ url }, callback);
      return callback.mock.calls[0]![0] as { cancel: boolean };
    };
    expect(decide('https://tracker.example/pixel')).toEqual({ cancel: true });
    expect(decide('app://country-visits/assets/index.js')).toEqual({ cancel: false });
  });

  it('blocks the network and file://, never the app, data: or blob:', () => {
    for (const url of ['http://example.org/', 'https://example.org/', 'ws://127.0.0.1:9229/', 'wss://example.org/', 'ftp://example.org/', 'file:///etc/passwd', 'not a url']) {
      expect(isBlockedRequest(url), url).toBe(true);
    }
    for (const url of ['app://country-visits/index.html', 'data:image/png;base64,AAAA', 'blob:app://country-visits/1234', 'devtools://devtools/bundled/devtools_app.html']) {
      expect(isBlockedRequest(url), url).toBe(false);
    }
  });
});
