import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh access token: 24 random bytes, URL-safe (192 bits, as unguessable as Jupyter's). */
export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Compares a presented token with the real one in constant time. Both are hashed first so the
 * comparison takes the same time whatever the presented length (timingSafeEqual needs equal lengths,
 * and an early length check would tell an attacker the token's length).
 */
export function tokenMatches(presented: string | undefined, token: string): boolean {
  if (presented === undefined) return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

/**
 * The cookie holding the token. Cookies are shared by every port of a host, so the name carries the
 * port: two servers on one machine do not overwrite each other's cookie (Jupyter does the same).
 */
export function tokenCookieName(port: number): string {
  return `latent-studio-token-${port}`;
}

/** One cookie's value from a Cookie header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The Set-Cookie value: not readable by scripts, never sent by other sites' requests. */
export function tokenCookie(port: number, token: string): string {
  return `${tokenCookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}
