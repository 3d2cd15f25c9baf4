import crypto from 'node:crypto';

/**
 * Hashing, HMAC and tokens go through this one module, so the algorithms are settings (SHA-256 or the national
 * SM3 / HMAC-SM3, both in Node's OpenSSL) and can later move to a certified crypto service behind the same names.
 */
export type ChainAlg = 'sha256' | 'sm3' | 'hmac-sm3';

export function digestHex(alg: ChainAlg, data: string, key: string | null): string {
  if (alg === 'hmac-sm3') {
    if (!key) throw new Error('LUOSHI_AUDIT_KEY is required when the audit chain uses hmac-sm3');
    return crypto.createHmac('sm3', key).update(data, 'utf8').digest('hex');
  }
  return crypto.createHash(alg).update(data, 'utf8').digest('hex');
}

/** HMAC-SHA256 of `data` under `key`, base64 (DingTalk robots' 加签). */
export const hmacSha256Base64 = (key: string, data: string): string =>
  crypto.createHmac('sha256', key).update(data, 'utf8').digest('base64');

/** A random URL-safe token (session ids); only its SHA-256 is stored. */
export const randomToken = (bytes = 32): string => crypto.randomBytes(bytes).toString('base64url');
export const tokenHash = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');

const PASSWORD_ALPHABETS = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '@#%+=!'];

/** An initial password that meets any policy of up to 4 classes: 16 characters, every class present. */
export function generatePassword(length = 16): string {
  const all = PASSWORD_ALPHABETS.join('');
  const chars = PASSWORD_ALPHABETS.map((a) => a[crypto.randomInt(a.length)]!);
  while (chars.length < length) chars.push(all[crypto.randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
