import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, isStrongPassword, verifyPassword } from './passwords';

describe('passwords', () => {
  it.each([
    ['Abcdefgh12', 'zhang', true],
    ['abcdefgh1234', 'zhang', true],
    ['Abcdefg12', 'zhang', false], // 9 characters
    ['abcdefghijkl', 'zhang', false], // no digit
    ['1234567890', 'zhang', false], // no letter
    ['zhangsan12', 'ZhangSan12', false], // the username itself
    [`a1${'x'.repeat(127)}`, 'zhang', false], // 129 characters
  ])('isStrongPassword(%s) for %s → %s', (password, username, expected) => {
    expect(isStrongPassword(password, username)).toBe(expected);
  });

  it('generated one-time passwords are strong and unambiguous', () => {
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      expect(p).toHaveLength(14);
      expect(isStrongPassword(p, 'admin')).toBe(true);
      expect(p).not.toMatch(/[01OlI]/);
    }
  });

  it('hashes with argon2id and verifies only the right password', async () => {
    const stored = await hashPassword('Correct-horse-42');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, 'Correct-horse-42')).toBe(true);
    expect(await verifyPassword(stored, 'correct-horse-42')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});
