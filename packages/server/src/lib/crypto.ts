import { createHash, createHmac, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt's cost: N (CPU and memory), r (block size), p (parallelism). */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** OWASP's current recommendation (Password Storage Cheat Sheet): 128 MiB per hash. */
export const PASSWORD_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 32;

function scryptAsync(password: string, salt: Buffer, keyLength: number, cost: ScryptCost): Promise<Buffer> {
  // scrypt needs 128·r·(N + p + 2) bytes; Node refuses anything over 32 MiB unless told.
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 128 * cost.r * (cost.N + cost.p + 2) };
  return new Promise((resolve, reject) => scrypt(password, salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** `scrypt$N$r$p$salt$hash`, so the cost can rise later without breaking old hashes. */
export async function hashPassword(password: string, cost: ScryptCost = PASSWORD_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, KEY_LENGTH, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

function parseHash(stored: string): { cost: ScryptCost; salt: string; hash: string } | null {
  const [scheme, N, r, p, salt, hash, ...rest] = stored.split('$');
  const cost = { N: Number(N), r: Number(r), p: Number(p) };
  if (scheme !== 'scrypt' || !salt || !hash || rest.length || !Object.values(cost).every((n) => Number.isSafeInteger(n) && n > 0)) return null;
  return { cost, salt, hash };
}

/** The cost a stored hash was made with; null for anything that is not an scrypt hash of ours. */
export const passwordHashCost = (stored: string): ScryptCost | null => parseHash(stored)?.cost ?? null;

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const expected = Buffer.from(parsed.hash, 'base64url');
  const key = await scryptAsync(password, Buffer.from(parsed.salt, 'base64url'), expected.length, parsed.cost);
  return timingSafeEqual(key, expected);
}

/** A hash made at a lower cost than `cost` (or unreadable) is replaced once the password is known again. */
export function needsRehash(stored: string, cost: ScryptCost): boolean {
  const was = passwordHashCost(stored);
  return !was || was.N < cost.N || was.r < cost.r || was.p < cost.p;
}

/** A password hash nobody can match: spends the same time for unknown accounts. */
export const unusablePasswordHash = (cost: ScryptCost) => `scrypt$${cost.N}$${cost.r}$${cost.p}$${'A'.repeat(22)}$${'A'.repeat(43)}`;

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Tokens (sessions, API keys) are stored only as this digest. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

export function hmac(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
