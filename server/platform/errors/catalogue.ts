/** Every error the API can answer, with its HTTP status and its message in both languages. */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, zh: '提交的数据有误,请检查标出的字段', en: 'Some fields are invalid' },
  BAD_REQUEST: { status: 400, zh: '请求格式不正确', en: 'Malformed request' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  SESSION_EXPIRED: { status: 401, zh: '登录超时,请重新登录', en: 'Your session has expired; please sign in again' },
  INVALID_CREDENTIALS: { status: 401, zh: '账号或密码错误', en: 'Wrong user name or password' },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用,请联系管理员', en: 'This account is disabled' },
  ACCOUNT_LOCKED: {
    status: 423,
    zh: '账号已锁定,请{minutes}分钟后重试',
    en: 'Account locked; try again in {minutes} minutes',
  },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    zh: '首次登录或密码已过期,请修改密码后继续',
    en: 'Change your password to continue',
  },
  PASSWORD_WEAK: { status: 400, zh: '新密码不符合密码策略', en: 'The new password does not meet the policy' },
  PASSWORD_REUSED: {
    status: 400,
    zh: '新密码不能与最近{count}次使用过的密码相同',
    en: 'The new password must differ from the last {count}',
  },
  WRONG_PASSWORD: { status: 400, zh: '原密码不正确', en: 'The current password is wrong' },
  FORBIDDEN: { status: 403, zh: '没有执行此操作的权限', en: 'You may not do this' },
  CROSS_ORIGIN: { status: 403, zh: '请求来源不被允许', en: 'Cross-origin request refused' },
  NOT_FOUND: { status: 404, zh: '对象不存在或无权访问', en: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  STALE_WRITE: { status: 409, zh: '数据已被他人修改,请刷新后重试', en: 'Changed by someone else; reload and retry' },
  CONFLICT: { status: 409, zh: '{what}已存在', en: '{what} already exists' },
  IN_USE: { status: 409, zh: '{what},不能删除', en: 'Still in use: {what}' },
  RULE_VIOLATED: { status: 422, zh: '{what}', en: '{what}' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '上传内容过大', en: 'Payload too large' },
  TOO_MANY_REQUESTS: { status: 429, zh: '操作过于频繁,请稍后再试', en: 'Too many requests; try again later' },
  INTERNAL: { status: 500, zh: '服务器内部错误,请稍后重试或联系管理员', en: 'Internal error' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;
