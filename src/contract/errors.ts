/**
 * Stable error codes of the API with their HTTP status and Chinese message.
 * The web console shows `message` (or its own en-US translation keyed by `code`).
 */
export const ERRORS = {
  validation_failed: { status: 400, zh: '请求参数不合法' },
  invalid_json: { status: 400, zh: '请求体不是合法的 JSON' },
  body_too_large: { status: 413, zh: '请求体过大' },
  unsupported_media_type: { status: 415, zh: '不支持的请求内容类型' },
  unauthenticated: { status: 401, zh: '请先登录' },
  invalid_credentials: { status: 401, zh: '账号或密码错误' },
  account_locked: { status: 423, zh: '登录失败次数过多，账户已临时锁定，请稍后再试' },
  account_disabled: { status: 403, zh: '账户已停用，请联系管理员' },
  password_change_required: { status: 403, zh: '首次登录或密码被重置，请先修改密码' },
  csrf_failed: { status: 403, zh: '安全校验失败，请刷新页面后重试' },
  forbidden: { status: 403, zh: '无权执行此操作' },
  not_found: { status: 404, zh: '记录不存在' },
  route_not_found: { status: 404, zh: '接口不存在' },
  stale_version: { status: 409, zh: '该记录已被他人修改，请刷新后重试' },
  username_taken: { status: 409, zh: '用户名已被使用' },
  code_taken: { status: 409, zh: '代码已存在' },
  weak_password: { status: 400, zh: '密码不符合要求：至少 10 位，须同时包含字母和数字，且不能与用户名相同' },
  wrong_password: { status: 400, zh: '原密码错误' },
  same_password: { status: 400, zh: '新密码不能与原密码相同' },
  invalid_scope: { status: 400, zh: '角色与管辖范围不匹配' },
  unknown_region: { status: 400, zh: '行政区划代码不存在' },
  unknown_department: { status: 400, zh: '部门代码不存在' },
  unknown_industry: { status: 400, zh: '行业代码不存在' },
  unknown_parent: { status: 400, zh: '上级区划不存在' },
  self_lockout: { status: 400, zh: '不能停用自己的账户或取消自己的管理员角色' },
  empty_update: { status: 400, zh: '没有需要修改的字段' },
  uscc_shape: { status: 400, zh: '统一社会信用代码格式不正确：应为 18 位，不含字母 I、O、S、V、Z' },
  uscc_checksum: { status: 400, zh: '统一社会信用代码校验位错误；如确为试点地区旧码，请填写录入理由' },
  uscc_taken: { status: 409, zh: '该统一社会信用代码的企业已存在' },
  out_of_scope: { status: 403, zh: '只能管理本县市区的企业' },
  unknown_category: { status: 400, zh: '产品类别不存在' },
  duplicate_record: { status: 409, zh: '相同的记录已存在' },
  search_too_short: { status: 400, zh: '搜索词至少 2 个字' },
  bad_cursor: { status: 400, zh: '分页游标不正确，请从第一页重新查询' },
  rate_limited: { status: 429, zh: '请求过于频繁，请稍后再试' },
  internal_error: { status: 500, zh: '服务器内部错误，请稍后再试或联系管理员' },
} as const;

export type ErrorCode = keyof typeof ERRORS;
