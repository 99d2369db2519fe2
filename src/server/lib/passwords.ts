import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { ZxcvbnFactory, ZxcvbnResult } from '@zxcvbn-ts/core';
import { LIMITS } from '../../contract/limits';
import { AppError } from '../errors';
import { CHINESE_PASSWORD_WORDS } from './password-words';

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

/**
 * zxcvbn's score a password must reach: 3 is "safely unguessable" (about 10^8 guesses or more),
 * enough against online guessing with the lock-out and argon2id here.
 */
const MIN_SCORE = 3;

/**
 * zxcvbn and its lists, loaded and indexed on first use (a second or two): the server and every
 * CLI command start without them. English feedback is zxcvbn's own.
 */
let estimator: Promise<{ zxcvbn: ZxcvbnFactory; english: typeof import('@zxcvbn-ts/language-en').translations }> | null = null;
async function estimate(
  password: string,
  userInputs: string[],
): Promise<{ result: ZxcvbnResult; english: typeof import('@zxcvbn-ts/language-en').translations }> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ]);
    const zxcvbn = new ZxcvbnFactory({
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...en.dictionary, ...CHINESE_PASSWORD_WORDS },
    });
    return { zxcvbn, english: en.translations };
  })();
  const { zxcvbn, english } = await estimator;
  return { result: zxcvbn.check(password, userInputs), english };
}

type Bilingual = { zh: string; en: string };

// zxcvbn reports its feedback as keys; the English is its own, the Chinese ours.
const WARNINGS: Record<string, string> = {
  straightRow: '键盘上连成一行的按键很容易被猜到',
  keyPattern: '简短的键盘图案很容易被猜到',
  simpleRepeat: '重复的字符（如 aaa）很容易被猜到',
  extendedRepeat: '重复的字符组合（如 abcabcabc）很容易被猜到',
  sequences: '常见的字符序列（如 abc、123）很容易被猜到',
  recentYears: '近年的年份很容易被猜到',
  dates: '日期很容易被猜到',
  topTen: '这是最常用的密码之一',
  topHundred: '这是很常用的密码',
  common: '这是常用密码',
  similarToCommon: '与常用密码相似',
  wordByItself: '单个词语很容易被猜到',
  namesByThemselves: '单独的姓名或姓氏很容易被猜到',
  commonNames: '常见的姓名和姓氏很容易被猜到',
  userInputs: '不能包含账号、姓名或平台名称等相关信息',
  pwned: '该密码已在互联网数据泄露中出现过',
};
const SUGGESTIONS: Record<string, string> = {
  l33t: '不要用可预测的字符替换（如用 @ 代替 a）',
  reverseWords: '不要用常见词语的倒写',
  allUppercase: '只把部分字母大写，不要全部大写',
  capitalization: '不要只把首字母大写',
  dates: '不要用与自己有关的日期和年份',
  recentYears: '不要用近年的年份',
  associatedYears: '不要用与自己有关的年份',
  sequences: '不要用常见的字符序列',
  repeated: '不要重复词语和字符',
  longerKeyboardPattern: '如用键盘图案，请更长并多次改变方向',
  anotherWord: '再加几个不常见的词',
  useWords: '用几个词组成，但不要用常见短语',
  noNeed: '不必使用符号、数字或大写字母，也能组成强密码',
  pwned: '如在其他地方用过该密码，请一并修改',
};

/** One reason a password is refused: a stable code and what to do about it, in Chinese and English. */
export interface PasswordReason extends Bilingual {
  code: string;
}

/**
 * The platform's one password rule, for the API and the CLI alike (and QC_ADMIN_PASSWORD): at
 * least LIMITS.password.min characters and zxcvbn's score MIN_SCORE, estimated with Chinese
 * passwords, pinyin names and the platform's words besides zxcvbn's own lists, and with the
 * account's username and display name as words an attacker would try first. No rule about
 * character classes: length and unpredictability are what count.
 */
export async function checkPassword(
  password: string,
  account: { username: string; displayName?: string },
): Promise<{ ok: boolean; reasons: PasswordReason[] }> {
  const reasons: PasswordReason[] = [];
  if ([...password].length < LIMITS.password.min) {
    reasons.push({ code: 'too_short', zh: `至少 ${LIMITS.password.min} 个字符`, en: `At least ${LIMITS.password.min} characters` });
  }
  if (password.length > LIMITS.password.max) {
    reasons.push({ code: 'too_long', zh: `不能超过 ${LIMITS.password.max} 个字符`, en: `At most ${LIMITS.password.max} characters` });
    return { ok: false, reasons };
  }
  const { result, english } = await estimate(password, [account.username, account.displayName ?? ''].filter(Boolean));
  if (result.score < MIN_SCORE) {
    const { warning, suggestions } = result.feedback;
    if (warning && WARNINGS[warning])
      reasons.push({ code: warning, zh: WARNINGS[warning], en: english.warnings[warning as keyof typeof english.warnings] });
    for (const s of suggestions) {
      if (SUGGESTIONS[s]) reasons.push({ code: s, zh: SUGGESTIONS[s], en: english.suggestions[s as keyof typeof english.suggestions] });
    }
    reasons.push({
      code: 'guessable',
      zh: '密码太容易被猜到：请加长，或用几个不常见的词组合',
      en: 'Too easy to guess: make it longer, or combine a few uncommon words',
    });
  }
  return { ok: reasons.length === 0, reasons };
}

/** Throws 400 weak_password, with each reason as a detail (at `path` in the request body, if any), unless the password passes. */
export async function assertStrongPassword(
  password: string,
  account: { username: string; displayName?: string },
  path?: string,
): Promise<void> {
  const { ok, reasons } = await checkPassword(password, account);
  if (!ok)
    throw new AppError(
      'weak_password',
      reasons.map((r) => ({ ...(path ? { path } : {}), code: r.code, message: r.zh, en: r.en })),
    );
}

// No 0/O, 1/l/I: the password is read off a screen and typed by hand.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A one-time password that passes checkPassword (14 characters: about 80 bits). */
export function generatePassword(length = 14): string {
  for (;;) {
    let out = '';
    for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
    if (/[A-Za-z]/.test(out) && /[0-9]/.test(out)) return out;
  }
}
