/**
 * Group robots (群机器人) of DingTalk (钉钉) and WeCom (企业微信): the JSON a robot's webhook accepts, DingTalk's 加签
 * (signature) URL, how an answer is judged, the retry back-off and the URL rule. Pure: the HMAC is computed by the
 * caller (server/platform/crypto) from `dingtalkStringToSign`, and `now` is a parameter.
 */

export const ROBOT_PROVIDERS = ['dingtalk', 'wecom'] as const;
export type RobotProvider = (typeof ROBOT_PROVIDERS)[number];
export const ROBOT_PROVIDER_LABELS: Record<RobotProvider, { zh: string; en: string }> = {
  dingtalk: { zh: '钉钉群机器人', en: 'DingTalk group robot' },
  wecom: { zh: '企业微信群机器人', en: 'WeCom group robot' },
};

/** What a robot is told: the generic payload `notifyUnit` queues. `link` is a path of the web app (or absolute). */
export type RobotNotice = { title: string; body?: string | null; link?: string | null };

export type DingTalkMarkdown = { msgtype: 'markdown'; markdown: { title: string; text: string } };
export type WeComMarkdown = { msgtype: 'markdown'; markdown: { content: string } };
export type RobotMessage = DingTalkMarkdown | WeComMarkdown;

/** WeCom refuses markdown content over 4096 bytes (UTF-8); DingTalk's limit is higher, we keep both well under. */
export const WECOM_MAX_BYTES = 4096;
export const DINGTALK_MAX_BYTES = 16_000;
const TITLE_MAX = 64;

const utf8Bytes = (s: string): number => new TextEncoder().encode(s).length;

/** Cut `s` so that it fits `maxBytes` of UTF-8, ending with an ellipsis when cut (never in the middle of a character). */
export function truncateUtf8(s: string, maxBytes: number): string {
  if (utf8Bytes(s) <= maxBytes) return s;
  const ellipsis = '…';
  const budget = maxBytes - utf8Bytes(ellipsis);
  let out = '';
  let used = 0;
  for (const ch of s) {
    const n = utf8Bytes(ch);
    if (used + n > budget) break;
    out += ch;
    used += n;
  }
  return out + ellipsis;
}

/** An absolute link for a chat message: a path of the web app joined to the public URL; null when it cannot be one. */
export function absoluteLink(link: string | null | undefined, publicUrl: string | null): string | null {
  if (!link) return null;
  if (/^https?:\/\//i.test(link)) return link;
  if (!publicUrl || !link.startsWith('/') || link.startsWith('//')) return null;
  return `${publicUrl.replace(/\/+$/, '')}${link}`;
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The markdown message of a notice. DingTalk: `title` is what the conversation list shows, `text` the message;
 * WeCom: one `content`. The link (when the public URL is known) becomes "[查看详情](…)".
 */
export function robotMessage(
  provider: RobotProvider,
  n: RobotNotice,
  opts: { publicUrl: string | null },
): RobotMessage {
  const title = oneLine(n.title).slice(0, TITLE_MAX) || '通知';
  const link = absoluteLink(n.link, opts.publicUrl);
  const body = (n.body ?? '').trim();
  const tail = link ? `\n\n[查看详情](${link})` : '';
  if (provider === 'dingtalk') {
    const head = `#### ${title}\n\n`;
    const room = DINGTALK_MAX_BYTES - utf8Bytes(head) - utf8Bytes(tail);
    return { msgtype: 'markdown', markdown: { title, text: `${head}${truncateUtf8(body, room)}${tail}`.trimEnd() } };
  }
  const head = `**${title}**\n`;
  const room = WECOM_MAX_BYTES - utf8Bytes(head) - utf8Bytes(tail);
  return { msgtype: 'markdown', markdown: { content: `${head}${truncateUtf8(body, room)}${tail}`.trimEnd() } };
}

/** DingTalk 加签: the text to sign is `timestamp + "\n" + secret`, signed with HMAC-SHA256 under the secret. */
export const dingtalkStringToSign = (timestampMs: number, secret: string): string => `${timestampMs}\n${secret}`;

/** The webhook URL with DingTalk's signature appended: `&timestamp=…&sign=…` (the base64 signature URL-encoded). */
export function dingtalkSignedUrl(url: string, timestampMs: number, signatureBase64: string): string {
  const sep = url.includes('?') ? '&' : '?';
  return `${url}${sep}timestamp=${timestampMs}&sign=${encodeURIComponent(signatureBase64)}`;
}

export type RobotAnswer = { ok: true } | { ok: false; error: string };

const ERROR_MAX = 300;

/**
 * Was the message delivered? Both robots answer HTTP 200 with `{"errcode":0,"errmsg":"ok"}`; anything else — another
 * status, a body that is not that JSON, or a non-zero errcode (bad token, bad signature, rate limit) — is a failure
 * whose text is kept in the delivery log.
 */
export function judgeRobotAnswer(status: number, bodyText: string): RobotAnswer {
  const snippet = oneLine(bodyText).slice(0, 200);
  if (status < 200 || status > 299) return { ok: false, error: `HTTP ${status}${snippet ? `: ${snippet}` : ''}` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    return { ok: false, error: `HTTP ${status}: 应答不是JSON${snippet ? `: ${snippet}` : ''}`.slice(0, ERROR_MAX) };
  }
  const errcode = (parsed as { errcode?: unknown } | null)?.errcode;
  if (errcode === 0) return { ok: true };
  const errmsg = (parsed as { errmsg?: unknown } | null)?.errmsg;
  const code = errcode === undefined ? '缺少errcode' : `errcode ${String(errcode)}`;
  return {
    ok: false,
    error: `${code}${typeof errmsg === 'string' && errmsg ? `: ${errmsg}` : ''}`.slice(0, ERROR_MAX),
  };
}

/** Attempts per delivery: the first and five retries, 1, 2, 4, 8 and 16 minutes apart (31 minutes in all). */
export const WEBHOOK_MAX_ATTEMPTS = 6;
export const WEBHOOK_FIRST_RETRY_MINUTES = 1;

/**
 * After attempt number `attempts` (1-based) failed: when to try again, or null to give up (status `failed`).
 * Exponential: 1, 2, 4, 8, 16 minutes.
 */
export function nextAttemptAfterFailure(attempts: number, now: Date, maxAttempts = WEBHOOK_MAX_ATTEMPTS): Date | null {
  if (attempts >= maxAttempts) return null;
  const minutes = WEBHOOK_FIRST_RETRY_MINUTES * 2 ** Math.max(0, attempts - 1);
  return new Date(now.getTime() + minutes * 60_000);
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A robot's webhook URL must be https (the token travels in it). Plain http is accepted only to this machine
 * (127.0.0.1 / localhost) and only when the deployment allows it (LUOSHI_WEBHOOK_ALLOW_LOCAL_HTTP, for tests and a
 * local relay). Returns the problem in Chinese, or null.
 */
export function robotUrlProblem(url: string, opts: { allowLocalHttp: boolean }): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return '地址格式不正确';
  }
  if (u.username || u.password) return '地址不能包含用户名或密码';
  if (u.protocol === 'https:') return null;
  if (u.protocol === 'http:' && opts.allowLocalHttp && LOOPBACK_HOSTS.has(u.hostname)) return null;
  return '地址必须以 https:// 开头';
}

/** The parameters of a robot URL that carry its token: shown masked, never whole. */
const TOKEN_PARAMS = ['access_token', 'key', 'token'];

const maskMiddle = (s: string): string => (s.length <= 8 ? '****' : `${s.slice(0, 4)}****${s.slice(-4)}`);

/** The URL as the client sees it: the token parameter masked (the token is as good as the password). */
export function maskRobotUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return maskMiddle(url);
  }
  const parts = u.search
    .replace(/^\?/, '')
    .split('&')
    .filter(Boolean)
    .map((kv) => {
      const [k = '', v = ''] = kv.split(/=(.*)/s);
      return TOKEN_PARAMS.includes(k.toLowerCase()) ? `${k}=${maskMiddle(decodeURIComponent(v))}` : kv;
    });
  return `${u.origin}${u.pathname}${parts.length ? `?${parts.join('&')}` : ''}`;
}

/** A secret as the client sees it: that there is one, and its last 4 characters. */
export const maskSecret = (secret: string | null): string | null =>
  secret ? `${'*'.repeat(8)}${secret.length > 12 ? secret.slice(-4) : ''}` : null;
