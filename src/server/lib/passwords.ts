import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { LIMITS } from '../../contract/limits';

// argon2id (the library's default algorithm) with OWASP's minimum parameters:
// 19 MiB memory, 2 iterations, 1 lane.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash of nothing anyone knows, verified for unknown accounts so timing does not tell them apart. */
let dummyHash: Promise<string> | null = null;
export async function verifyDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword(`no-such-user-${randomInt(1e9)}`);
  await verifyPassword(await dummyHash, password);
}

/** At least LIMITS.password.min characters, letters and digits, not the username. */
export function isStrongPassword(password: string, username: string): boolean {
  return (
    password.length >= LIMITS.password.min &&
    password.length <= LIMITS.password.max &&
    /[A-Za-z]/.test(password) &&
    /[0-9]/.test(password) &&
    password.toLowerCase() !== username.toLowerCase()
  );
}

// No 0/O, 1/l/I: the password is read off a screen and typed by hand.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A one-time password that always passes isStrongPassword. */
export function generatePassword(length = 14): string {
  for (;;) {
    let out = '';
    for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
    if (/[A-Za-z]/.test(out) && /[0-9]/.test(out)) return out;
  }
}
