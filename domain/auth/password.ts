import type { SecurityPolicy } from './policy.ts';

export type PasswordProblem =
  | { code: 'TOO_SHORT'; min: number }
  | { code: 'TOO_FEW_CLASSES'; min: number; found: number }
  | { code: 'CONTAINS_USERNAME' };

const CLASSES: RegExp[] = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/];

export function characterClasses(password: string): number {
  return CLASSES.filter((re) => re.test(password)).length;
}

/** Checks a new password against the policy. Returns every problem, empty when acceptable. */
export function checkPassword(password: string, policy: SecurityPolicy, username?: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if ([...password].length < policy.passwordMinLength)
    problems.push({ code: 'TOO_SHORT', min: policy.passwordMinLength });
  const found = characterClasses(password);
  if (found < policy.passwordMinClasses)
    problems.push({ code: 'TOO_FEW_CLASSES', min: policy.passwordMinClasses, found });
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push({ code: 'CONTAINS_USERNAME' });
  }
  return problems;
}

export function describePasswordProblem(p: PasswordProblem, lang: 'zh' | 'en'): string {
  switch (p.code) {
    case 'TOO_SHORT':
      return lang === 'zh' ? `密码长度至少${p.min}位` : `At least ${p.min} characters`;
    case 'TOO_FEW_CLASSES':
      return lang === 'zh'
        ? `密码须包含大写字母、小写字母、数字、符号中的至少${p.min}类`
        : `Use at least ${p.min} of: upper case, lower case, digits, symbols`;
    case 'CONTAINS_USERNAME':
      return lang === 'zh' ? '密码不能包含账号' : 'Must not contain the user name';
  }
}

/** True when the password is older than the policy allows (密码已过期). */
export function isPasswordExpired(changedAt: Date | null, now: Date, policy: SecurityPolicy): boolean {
  if (policy.passwordMaxAgeDays === 0 || !changedAt) return false;
  return now.getTime() - changedAt.getTime() >= policy.passwordMaxAgeDays * 86_400_000;
}
