import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { assertStrongPassword, checkPassword, generatePassword, hashPassword, verifyPassword } from './passwords';

const zhang = { username: 'zhangsan', displayName: '张三' };

describe('passwords', () => {
  it.each([
    // Refused: too short, common, Chinese patterns, the account's own words, the platform's words.
    ['Xk9#mPq2!', 'too short (9)'],
    ['password12', 'a common password plus digits'],
    ['zhangsan2024', 'the username plus a year'],
    ['ZhangSan12345', 'the username, capitalised, plus digits'],
    ['nasgnahz1234', 'the username reversed'],
    ['Woaini1314', '我爱你一生一世 in pinyin and numbers'],
    ['woaini1314520', 'the same, longer'],
    ['5201314woaini', 'the same, the other way round'],
    ['123qwe123qwe', 'keyboard runs, repeated'],
    ['1qaz2wsx3edc', 'a keyboard column walk'],
    ['zhangwei1990', 'a common name and a year'],
    ['chenzhou2026', 'the city and a year'],
    ['Czzj@123456', 'the office and digits'],
    ['admin@12345', 'admin and digits'],
    ['qq123456789', 'a common Chinese password'],
  ])('refuses %s (%s)', async (password) => {
    const verdict = await checkPassword(password, zhang);
    expect(verdict.ok).toBe(false);
    expect(verdict.reasons.length).toBeGreaterThan(0);
  });

  it.each([['Lantern-tea-river-58'], ['Xk9#mPq2!vL7'], ['郴江夜雨-落霞满天-2'], ['correct horse battery staple'], ['Correct-horse-42']])(
    'takes %s',
    async (password) => {
      expect(await checkPassword(password, zhang)).toEqual({ ok: true, reasons: [] });
    },
  );

  it('says why, in Chinese and English, with a code per reason', async () => {
    const { reasons } = await checkPassword('password', zhang);
    expect(reasons.map((r) => r.code)).toEqual(['too_short', 'topTen', 'anotherWord', 'guessable']);
    expect(reasons[1]).toEqual({ code: 'topTen', zh: '这是最常用的密码之一', en: 'This is a heavily used password.' });
    expect((await checkPassword('x'.repeat(129), zhang)).reasons.map((r) => r.code)).toEqual(['too_long']);
  });

  it('the display name counts as the account’s own words', async () => {
    expect((await checkPassword('Wenjunhuang-1', { username: 'hwj' })).ok).toBe(true);
    expect((await checkPassword('Wenjunhuang-1', { username: 'hwj', displayName: 'wenjunhuang' })).ok).toBe(false);
  });

  it('assertStrongPassword throws weak_password with the reasons as details', async () => {
    try {
      await assertStrongPassword('password12', zhang, 'body/newPassword');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('weak_password');
      expect((err as AppError).details).toContainEqual({
        path: 'body/newPassword',
        code: 'guessable',
        message: '密码太容易被猜到：请加长，或用几个不常见的词组合',
        en: 'Too easy to guess: make it longer, or combine a few uncommon words',
      });
    }
  });

  it('generated one-time passwords pass the rule and are unambiguous', async () => {
    for (let i = 0; i < 20; i++) {
      const p = generatePassword();
      expect(p).toHaveLength(14);
      expect((await checkPassword(p, { username: 'admin' })).ok).toBe(true);
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
