import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { robotScope } from './access.ts';
import {
  absoluteLink,
  DINGTALK_MAX_BYTES,
  dingtalkSignedUrl,
  dingtalkStringToSign,
  judgeRobotAnswer,
  maskRobotUrl,
  maskSecret,
  nextAttemptAfterFailure,
  robotMessage,
  robotUrlProblem,
  truncateUtf8,
  WEBHOOK_MAX_ATTEMPTS,
  WECOM_MAX_BYTES,
} from './robot-message.ts';

const NOW = new Date('2026-11-27T09:00:00+08:00');
const bytes = (s: string) => new TextEncoder().encode(s).length;
const notice = {
  title: '周报被退回',
  body: '「示范大道改造」2026年第48周周报被退回:投资数据有误。',
  link: '/dispatch/reports',
};

describe('robotMessage', () => {
  it('builds DingTalk markdown with title and text, the link made absolute', () => {
    expect(robotMessage('dingtalk', notice, { publicUrl: 'https://luoshi.example.gov.cn' })).toEqual({
      msgtype: 'markdown',
      markdown: {
        title: '周报被退回',
        text: '#### 周报被退回\n\n「示范大道改造」2026年第48周周报被退回:投资数据有误。\n\n[查看详情](https://luoshi.example.gov.cn/dispatch/reports)',
      },
    });
  });

  it('builds WeCom markdown content', () => {
    expect(robotMessage('wecom', notice, { publicUrl: 'https://luoshi.example.gov.cn/' })).toEqual({
      msgtype: 'markdown',
      markdown: {
        content:
          '**周报被退回**\n「示范大道改造」2026年第48周周报被退回:投资数据有误。\n\n[查看详情](https://luoshi.example.gov.cn/dispatch/reports)',
      },
    });
  });

  it('leaves the link out when no public URL is configured, and copes with no body', () => {
    const m = robotMessage('wecom', { title: '  逾期\n提醒 ', body: null, link: '/x' }, { publicUrl: null });
    expect(m).toEqual({ msgtype: 'markdown', markdown: { content: '**逾期 提醒**' } });
  });

  it.each([
    ['wecom', WECOM_MAX_BYTES],
    ['dingtalk', DINGTALK_MAX_BYTES],
  ] as const)('keeps a long %s message within %i bytes, link included', (provider, limit) => {
    const m = robotMessage(provider, { ...notice, body: '很长的内容'.repeat(5000) }, { publicUrl: 'https://a.cn' });
    const text = 'content' in m.markdown ? m.markdown.content : m.markdown.text;
    expect(bytes(text)).toBeLessThanOrEqual(limit);
    expect(text).toContain('…');
    expect(text.endsWith('[查看详情](https://a.cn/dispatch/reports)')).toBe(true);
  });
});

describe('truncateUtf8', () => {
  it.each([
    ['abc', 3, 'abc'],
    ['abcd', 3, '…'],
    ['中文字', 9, '中文字'],
    ['中文字', 8, '中…'],
    ['中文字', 6, '中…'],
    ['中文字', 5, '…'],
  ])('%s in %i bytes → %s', (s, max, want) => {
    expect(truncateUtf8(s, max)).toBe(want);
    expect(bytes(truncateUtf8(s, max))).toBeLessThanOrEqual(max);
  });
});

describe('absoluteLink', () => {
  it.each([
    ['/a/b', 'https://x.cn', 'https://x.cn/a/b'],
    ['/a/b', 'https://x.cn/base/', 'https://x.cn/base/a/b'],
    ['https://other.cn/p', null, 'https://other.cn/p'],
    ['/a', null, null],
    ['//evil.com/x', 'https://x.cn', null],
    ['relative', 'https://x.cn', null],
    [null, 'https://x.cn', null],
  ])('%s with %s → %s', (link, base, want) => expect(absoluteLink(link, base)).toBe(want));
});

describe('DingTalk 加签', () => {
  it('signs timestamp + "\\n" + secret with HMAC-SHA256, base64, URL-encoded after &timestamp=…&sign=…', () => {
    const secret = 'SEC0123456789abcdef';
    const ts = 1_764_205_200_000;
    expect(dingtalkStringToSign(ts, secret)).toBe(`${ts}\n${secret}`);
    const sig = createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64');
    const url = dingtalkSignedUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', ts, sig);
    expect(url).toBe(
      `https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=${ts}&sign=${encodeURIComponent(sig)}`,
    );
    expect(new URL(url).searchParams.get('sign')).toBe(sig);
  });

  it('starts the query when the URL has none', () => {
    expect(dingtalkSignedUrl('https://h/robot', 1, 'a+b/c=')).toBe('https://h/robot?timestamp=1&sign=a%2Bb%2Fc%3D');
  });
});

describe('judgeRobotAnswer', () => {
  it.each([
    [200, '{"errcode":0,"errmsg":"ok"}', null],
    [200, '{"errcode":310000,"errmsg":"sign not match"}', 'errcode 310000: sign not match'],
    [200, '{"errcode":93000,"errmsg":"invalid webhook url"}', 'errcode 93000: invalid webhook url'],
    [200, '{"errmsg":"ok"}', '缺少errcode: ok'],
    [200, 'null', '缺少errcode'],
    [200, 'OK', 'HTTP 200: 应答不是JSON: OK'],
    [500, 'boom', 'HTTP 500: boom'],
    [302, '', 'HTTP 302'],
    [204, '', 'HTTP 204: 应答不是JSON'],
  ])('HTTP %i %s → %s', (status, body, error) => {
    expect(judgeRobotAnswer(status, body)).toEqual(error === null ? { ok: true } : { ok: false, error });
  });
});

describe('nextAttemptAfterFailure', () => {
  it.each([
    [1, 1],
    [2, 2],
    [3, 4],
    [4, 8],
    [5, 16],
  ])('after attempt %i waits %i minutes', (attempts, minutes) => {
    expect(nextAttemptAfterFailure(attempts, NOW)?.getTime()).toBe(NOW.getTime() + minutes * 60_000);
  });

  it(`gives up after attempt ${WEBHOOK_MAX_ATTEMPTS}`, () => {
    expect(WEBHOOK_MAX_ATTEMPTS).toBe(6);
    expect(nextAttemptAfterFailure(WEBHOOK_MAX_ATTEMPTS, NOW)).toBeNull();
    expect(nextAttemptAfterFailure(3, NOW, 3)).toBeNull();
  });
});

describe('robotUrlProblem', () => {
  it.each([
    ['https://oapi.dingtalk.com/robot/send?access_token=x', false, null],
    ['https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x', false, null],
    ['http://oapi.dingtalk.com/robot/send', false, '地址必须以 https:// 开头'],
    ['http://127.0.0.1:8999/robot', false, '地址必须以 https:// 开头'],
    ['http://127.0.0.1:8999/robot', true, null],
    ['http://localhost:8999/robot', true, null],
    ['http://10.0.0.8/robot', true, '地址必须以 https:// 开头'],
    ['http://127.0.0.1.evil.com/robot', true, '地址必须以 https:// 开头'],
    ['ftp://127.0.0.1/robot', true, '地址必须以 https:// 开头'],
    ['https://user:pw@h.cn/robot', false, '地址不能包含用户名或密码'],
    ['not a url', false, '地址格式不正确'],
  ])('%s (local http allowed: %s) → %s', (url, allowLocalHttp, want) => {
    expect(robotUrlProblem(url, { allowLocalHttp })).toBe(want);
  });
});

describe('masking', () => {
  it.each([
    [
      'https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef',
      'https://oapi.dingtalk.com/robot/send?access_token=0123****cdef',
    ],
    [
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa&debug=1',
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a****5aaa&debug=1',
    ],
    ['https://h.cn/robot?key=short', 'https://h.cn/robot?key=****'],
    ['https://h.cn/hook', 'https://h.cn/hook'],
  ])('masks the token of %s', (url, want) => expect(maskRobotUrl(url)).toBe(want));

  it('never shows a secret, at most its last 4 characters of a long one', () => {
    expect(maskSecret(null)).toBeNull();
    expect(maskSecret('SECabc')).toBe('********');
    expect(maskSecret('SEC0123456789abcdef')).toBe('********cdef');
  });
});

describe('robotScope', () => {
  it.each([
    [['admin'], { kind: 'all' }],
    [['coordinator'], { kind: 'unit', unitId: 'u1' }],
    [['unit_staff'], { kind: 'unit', unitId: 'u1' }],
    [['leader'], null],
    [['site_commissioner'], null],
    [['enterprise', 'unit_staff'], { kind: 'unit', unitId: 'u1' }],
  ] as const)('%j → %j', (roles, want) => expect(robotScope(roles, 'u1')).toEqual(want));
});
