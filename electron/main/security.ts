/**
 * The security rules of the main process, as pure functions and small installers that take the Electron
 * objects they configure as arguments. Nothing here imports `electron` at run time, so the rules are tested
 * with plain Node (tests/integration/electron-security.test.ts); docs/security.md maps each item of
 * Electron's security checklist to the code below and the test that asserts it.
 */

/** The custom scheme the app's pages are served from (see protocol.ts). A standard, secure scheme. */
export const APP_SCHEME = 'app';
/** The host under that scheme; together they are the app's only origin. */
export const APP_HOST = 'sponsor-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Content-Security-Policy of every page the app serves. Nothing is fetched from anywhere but the app's
 * own origin (icons are bundled, text uses the system's fonts), so the app works offline and an injected
 * script could neither load code nor send data out.
 *
 * `style-src 'unsafe-inline'` is the one concession, for styles only: antd 6 writes its CSS-in-JS into
 * `<style>` elements at run time. antd's ConfigProvider accepts a CSP nonce for those, but not every
 * component passes it on: @rc-component/portal's scroll locker (Modal, Drawer) injects a `<style>`
 * without a nonce, and @rc-component/input's auto-sizing TextArea and antd's Watermark write `style`
 * attributes with setAttribute, which a nonce cannot allow. Inline styles cannot run code, and with
 * img-src, font-src and connect-src limited to 'self' a style has no channel to send anything out.
 * Scripts stay strict: no 'unsafe-inline', no 'unsafe-eval'.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
});

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
  .join('; ');

/** Headers sent with every response of the app:// protocol. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
});

function parseUrl(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > 8192) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when `url` is one of the app's own pages: the app scheme, the app host, no credentials, no port.
 * Uses the WHATWG URL parser, so tricks such as `app://sponsor-desk@evil/`, `app://sponsor-desk.evil/`,
 * upper-case schemes, or embedded whitespace are judged on what the URL really is. (The parser reports
 * the origin of a non-special scheme as "null" in Node, so scheme and host are compared instead.)
 */
export function isAppUrl(url: unknown, appOrigin: string = APP_ORIGIN): boolean {
  const parsed = parseUrl(url);
  const origin = parseUrl(appOrigin);
  if (!parsed || !origin) return false;
  return (
    parsed.protocol === origin.protocol &&
    parsed.host === origin.host &&
    parsed.host !== '' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === ''
  );
}

/** Navigation of the window is allowed only to the app's own pages (no file://, no web, no javascript:). */
export function isAllowedNavigation(url: unknown, appOrigin: string = APP_ORIGIN): boolean {
  return isAppUrl(url, appOrigin);
}

/**
 * Whether an IPC message comes from a trusted frame: its URL must be one of the app's own pages. The IPC
 * handler also checks that the frame is the main frame of the app's window (see ipc.ts).
 */
export function isTrustedSender(frameUrl: unknown, appOrigin: string = APP_ORIGIN): boolean {
  return isAppUrl(frameUrl, appOrigin);
}

/**
 * Requests any session may make: the app's own origin, inline data and blobs the page made itself, and
 * the developer tools' own pages. Everything else (http, https, ws, file, ftp, …) is cancelled, so even a
 * script that slipped past the CSP, or a library in the main process using the session, reaches no network.
 */
export function isAllowedRequest(url: unknown, appOrigin: string = APP_ORIGIN): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  if (isAppUrl(url, appOrigin)) return true;
  if (parsed.protocol === 'data:') return true;
  if (parsed.protocol === 'blob:') return isAppUrl(parsed.pathname, appOrigin);
  return parsed.protocol === 'devtools:' || parsed.protocol === 'chrome-devtools:';
}

// ---------------------------------------------------------------------------------------------------------
// Installers. Each takes the smallest structural slice of the Electron object it configures, so tests can
// hand in a recorder and check what was installed.

interface PreventableEvent {
  preventDefault(): void;
  /** Electron's navigation events carry the target here too (the positional `url` is deprecated). */
  url?: string;
}

type PermissionRequestHandler = (webContents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type PermissionCheckHandler = (webContents: unknown, permission: string, requestingOrigin: string, details: unknown) => boolean;

export interface SessionLike {
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void;
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void;
  setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void;
  webRequest: { onBeforeRequest(listener: (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void): void };
}

export interface SessionSecurityLog {
  (message: string): void;
}

/**
 * Every permission (camera, microphone, geolocation, notifications, clipboard-read, HID, USB, serial,
 * fullscreen by the page, …) is denied: the app needs none of them. Requests to anything but the app's
 * own origin are cancelled.
 */
export function applySessionSecurity(session: SessionLike, appOrigin: string = APP_ORIGIN, log: SessionSecurityLog = () => {}): void {
  session.setPermissionRequestHandler((_webContents, permission, callback) => {
    log(`permission request denied: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, appOrigin);
    if (!allowed) log(`request cancelled: ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
}

export interface WebContentsLike {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: PreventableEvent & { url: string }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
}

/**
 * Applied to every web contents the app creates (from `app.on('web-contents-created')`):
 * - new windows are denied, whatever the URL; nothing is handed to shell.openExternal (the app has no
 *   external links, and a URL from the page is untrusted input);
 * - navigation and redirects of any frame are allowed only to the app's own pages;
 * - `<webview>` is disabled in webPreferences, and an attempt to attach one is refused here as well.
 */
export function hardenWebContents(contents: WebContentsLike, appOrigin: string = APP_ORIGIN, log: SessionSecurityLog = () => {}): void {
  contents.setWindowOpenHandler(({ url }) => {
    log(`window.open denied: ${String(url).slice(0, 200)}`);
    return { action: 'deny' };
  });
  const guard = (event: PreventableEvent, url: string, what: string): void => {
    if (!isAllowedNavigation(url, appOrigin)) {
      event.preventDefault();
      log(`${what} prevented: ${String(url).slice(0, 200)}`);
    }
  };
  contents.on('will-navigate', (event, url) => guard(event, event.url ?? url, 'navigation'));
  contents.on('will-redirect', (event, url) => guard(event, event.url ?? url, 'redirect'));
  contents.on('will-frame-navigate', (event) => guard(event, event.url, 'frame navigation'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('webview attach prevented');
  });
}
