import { KeyObject, createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Actor, ROLES, Role } from '@qf/kernel';
import { DomainError } from '@qf/kernel';

const keys = new Map<string, KeyObject>();

/**
 * The secret as a key object, made once: given a string, jsonwebtoken first tries it as a public key, fails, and only
 * then makes a secret key — on every request (a tenth of a command's CPU).
 */
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(Buffer.from(secret, 'utf8'))));
  return key;
}

/** Verifies an HS256 token and returns the caller; any defect is UNAUTHENTICATED (no detail is leaked). */
export function verifyToken(token: string, secret: string): Actor {
  let claims: jwt.JwtPayload;
  try {
    const decoded = jwt.verify(token, keyOf(secret), { algorithms: ['HS256'] });
    if (typeof decoded === 'string') throw new Error('payload is not an object');
    claims = decoded;
  } catch {
    throw new DomainError('UNAUTHENTICATED', 'missing, invalid or expired token');
  }
  // SPEC §1: a token without `exp` is refused — a token must not be valid forever.
  if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) throw new DomainError('UNAUTHENTICATED', 'token has no expiry (exp)');
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)) : [];
  if (typeof claims.sub !== 'string' || !claims.sub) throw new DomainError('UNAUTHENTICATED', 'token has no subject');
  return {
    sub: claims.sub,
    name: typeof claims.name === 'string' ? claims.name : claims.sub,
    roles,
    unitId: typeof claims.unitId === 'string' && claims.unitId ? claims.unitId : null,
  };
}

export function signToken(actor: Omit<Actor, 'name'> & { name?: string }, secret: string, expiresIn: jwt.SignOptions['expiresIn'] = '12h'): string {
  return jwt.sign({ name: actor.name ?? actor.sub, roles: actor.roles, unitId: actor.unitId }, secret, {
    algorithm: 'HS256',
    subject: actor.sub,
    expiresIn,
  });
}
