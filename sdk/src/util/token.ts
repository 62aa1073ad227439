/** What the SDK reads from a user token, without verifying it (the server does that). */
export interface TokenClaims {
  /** The user id (`sub`). */
  userId: string | null;
  /** The id of the API key that signed it (`kid`): it names the tenant. */
  keyId: string | null;
  /** Expiry and issue time, in ms since the epoch. */
  expiresAt: number | null;
  issuedAt: number | null;
}

const NONE: TokenClaims = { userId: null, keyId: null, expiresAt: null, issuedAt: null };

function decodePart(part: string | undefined): Record<string, unknown> | null {
  if (!part) return null;
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Reads the claims of a JWT; a token that is not one gives nulls. */
export function readClaims(token: string): TokenClaims {
  const [header, payload] = token.split('.');
  const head = decodePart(header);
  const body = decodePart(payload);
  if (!body) return NONE;
  const seconds = (value: unknown) => (typeof value === 'number' ? value * 1000 : null);
  return {
    userId: typeof body.sub === 'string' ? body.sub : null,
    keyId: typeof head?.kid === 'string' ? head.kid : null,
    expiresAt: seconds(body.exp),
    issuedAt: seconds(body.iat),
  };
}
