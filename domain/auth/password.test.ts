import { describe, expect, it } from 'vitest';
import {
  characterClasses,
  checkPassword,
  describePasswordProblem,
  isPasswordExpired,
  type PasswordProblem,
} from './password.ts';
import { DEFAULT_SECURITY_POLICY, type SecurityPolicy } from './policy.ts';

const P = DEFAULT_SECURITY_POLICY;
const MIN = P.passwordMinLength;
const CLASSES = P.passwordMinClasses;
const NOW = new Date('2025-03-10T09:00:00.000Z');
const DAY = 86_400_000;

/** A password of exactly `n` characters (code points) with upper, lower and digit: three classes. */
const threeClasses = (n: number) => `Aa1${'x'.repeat(n - 3)}`;
const codes = (problems: PasswordProblem[]) => problems.map((p) => p.code);

describe('characterClasses', () => {
  it.each([
    ['', 0],
    ['abcdef', 1],
    ['ABCDEF', 1],
    ['123456', 1],
    ['!@#$%^', 1],
    ['abcDEF', 2],
    ['abc123', 2],
    ['aB3', 3],
    ['aB3!', 4],
    ['aB3 ', 4], // a space is a symbol
    ['中文密码', 1], // Chinese characters count as the fourth class (not a letter, not a digit)
    ['中文abc', 2],
    ['中文Ab1', 4],
  ])('%j has %i classes', (password, n) => {
    expect(characterClasses(password)).toBe(n);
  });
});

describe('checkPassword', () => {
  it('reads its thresholds from the default policy', () => {
    expect(MIN).toBeGreaterThan(3);
    expect(P.passwordMinClasses).toBeGreaterThanOrEqual(3);
  });

  it.each<[string, string, string | undefined, PasswordProblem['code'][]]>([
    ['length min-1', threeClasses(MIN - 1), undefined, ['TOO_SHORT']],
    ['length min', threeClasses(MIN), undefined, []],
    ['length min+1', threeClasses(MIN + 1), undefined, []],
    ['2 classes (lower + digit)', `a1${'b'.repeat(MIN)}`, undefined, ['TOO_FEW_CLASSES']],
    ['3 classes (upper + lower + digit)', `A1${'b'.repeat(MIN)}`, undefined, []],
    ['1 class only', 'a'.repeat(MIN), undefined, ['TOO_FEW_CLASSES']],
    ['short and 1 class', 'abc', undefined, ['TOO_SHORT', 'TOO_FEW_CLASSES']],
    ['Chinese characters count one each towards the length', `Ab1${'密'.repeat(MIN - 3)}`, undefined, []],
    ['Chinese characters, one short', `Ab1${'密'.repeat(MIN - 4)}`, undefined, ['TOO_SHORT']],
    ['only Chinese characters: one class', '落实'.repeat(MIN), undefined, ['TOO_FEW_CLASSES']],
    ['astral characters count one each (not two UTF-16 units)', `Ab1${'😀'.repeat(MIN - 4)}`, undefined, ['TOO_SHORT']],
    ['contains the user name', `Zhangsan#${'1'.repeat(MIN)}`, 'zhangsan', ['CONTAINS_USERNAME']],
    ['contains the user name, other case', `xxZHANGSANyy#1${'a'.repeat(MIN)}`, 'ZhangSan', ['CONTAINS_USERNAME']],
    ['user name of exactly 3 characters is checked', `Abc#1${'x'.repeat(MIN)}`, 'abc', ['CONTAINS_USERNAME']],
    ['user name of 2 characters is not checked', `Ab#1${'x'.repeat(MIN)}`, 'ab', []],
    ['no user name given', `Zhangsan#${'1'.repeat(MIN)}`, undefined, []],
    ['does not contain the user name', `Luoshi#2025${'x'.repeat(MIN)}`, 'zhangsan', []],
    ['every problem at once', 'abc', 'abc', ['TOO_SHORT', 'TOO_FEW_CLASSES', 'CONTAINS_USERNAME']],
  ])('%s', (_name, password, username, expected) => {
    expect(codes(checkPassword(password, P, username))).toEqual(expected);
  });

  it('says what the minimum is and how many classes were found', () => {
    expect(checkPassword('abc', P)).toEqual([
      { code: 'TOO_SHORT', min: MIN },
      { code: 'TOO_FEW_CLASSES', min: P.passwordMinClasses, found: 1 },
    ]);
  });

  it.each([1, 2, 3, 4])('follows a policy that asks for %i classes', (minClasses) => {
    const policy: SecurityPolicy = { ...P, passwordMinClasses: minClasses };
    const pw = (classes: number) => ['a'.repeat(MIN), 'A', '1', '!'].slice(0, classes).join('');
    expect(checkPassword(pw(minClasses), policy)).toEqual([]);
    if (minClasses > 1) expect(codes(checkPassword(pw(minClasses - 1), policy))).toEqual(['TOO_FEW_CLASSES']);
  });
});

describe('describePasswordProblem', () => {
  it.each<[PasswordProblem, 'zh' | 'en', string]>([
    [{ code: 'TOO_SHORT', min: MIN }, 'zh', `密码长度至少${MIN}位`],
    [{ code: 'TOO_SHORT', min: MIN }, 'en', `At least ${MIN} characters`],
    [
      { code: 'TOO_FEW_CLASSES', min: CLASSES, found: 1 },
      'zh',
      `密码须包含大写字母、小写字母、数字、符号中的至少${CLASSES}类`,
    ],
    [
      { code: 'TOO_FEW_CLASSES', min: CLASSES, found: 1 },
      'en',
      `Use at least ${CLASSES} of: upper case, lower case, digits, symbols`,
    ],
    [{ code: 'CONTAINS_USERNAME' }, 'zh', '密码不能包含账号'],
    [{ code: 'CONTAINS_USERNAME' }, 'en', 'Must not contain the user name'],
  ])('%o in %s', (problem, lang, text) => {
    expect(describePasswordProblem(problem, lang)).toBe(text);
  });
});

describe('isPasswordExpired', () => {
  const maxAge = P.passwordMaxAgeDays * DAY;
  it.each<[string, Date | null, SecurityPolicy, boolean]>([
    ['changed just now', NOW, P, false],
    ['one ms before the limit', new Date(NOW.getTime() - maxAge + 1), P, false],
    ['exactly at the limit', new Date(NOW.getTime() - maxAge), P, true],
    ['past the limit', new Date(NOW.getTime() - maxAge - DAY), P, true],
    ['never changed (no date)', null, P, false],
    ['policy without expiry (0 days), very old password', new Date(0), { ...P, passwordMaxAgeDays: 0 }, false],
  ])('%s', (_name, changedAt, policy, expected) => {
    expect(isPasswordExpired(changedAt, NOW, policy)).toBe(expected);
  });
});
