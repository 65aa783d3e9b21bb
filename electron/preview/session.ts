import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may use the preview bridge. Any local user can connect to a loopback port, so the port proves nothing:
 * the address printed to the person who started the preview carries a one-time secret (`/?k=…`), which the
 * bridge exchanges, once, for a session cookie (HttpOnly, SameSite=Strict, Path=/). Every page, asset, file
 * and operation then asks for that cookie. The secret is spent by its first use, so an address seen later
 * (a shell history, a screenshot) opens nothing; the cookie never appears in a page, so a script cannot read it.
 */

/**
 * The cookie's name carries the port: browsers share cookies between all ports of 127.0.0.1, so two previews
 * side by side would otherwise overwrite each other's session.
 */
export const sessionCookieName = (port: number): string => `sponsor_desk_session_${port}`;
/** The query parameter of the printed address that carries the one-time secret. */
export const SECRET_PARAM = 'k';

const newSecret = (): string => randomBytes(32).toString('base64url');

function sameSecret(given: string, known: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(known);
  return a.length === b.length && timingSafeEqual(a, b);
}

function findIn(set: Set<string>, given: string | undefined): string | null {
  if (!given) return null;
  for (const known of set) if (sameSecret(given, known)) return known;
  return null;
}

export function cookieValue(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export class PreviewSessions {
  private cookieName = sessionCookieName(0);
  /** Secrets handed out and not yet used. */
  private readonly secrets = new Set<string>();
  /** Session ids given out as cookies. */
  private readonly sessions = new Set<string>();

  /** Names the cookie after the port once the server listens. */
  listenOn(port: number): void {
    this.cookieName = sessionCookieName(port);
  }

  /** A new one-time secret, for an address to print (or for a test's browser). */
  issueSecret(): string {
    const secret = newSecret();
    this.secrets.add(secret);
    return secret;
  }

  /** Spends a secret: a new session id when the secret was live, null when unknown or already used. */
  exchange(secret: string | null): string | null {
    const known = findIn(this.secrets, secret ?? undefined);
    if (!known) return null;
    this.secrets.delete(known);
    const session = newSecret();
    this.sessions.add(session);
    return session;
  }

  /** True when the request carries a live session cookie. */
  has(req: IncomingMessage): boolean {
    return findIn(this.sessions, cookieValue(req, this.cookieName)) !== null;
  }

  cookie(session: string): string {
    return `${this.cookieName}=${session}; Path=/; HttpOnly; SameSite=Strict`;
  }
}
