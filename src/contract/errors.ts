/**
 * Stable error codes of the API with their HTTP status and messages: Chinese (the default) and
 * English, chosen per request by Accept-Language. The web console sends its own language.
 */
export const ERRORS = {
  validation_failed: { status: 400, zh: '请求参数不合法', en: 'The request parameters are invalid' },
  invalid_json: { status: 400, zh: '请求体不是合法的 JSON', en: 'The request body is not valid JSON' },
  body_too_large: { status: 413, zh: '请求体过大', en: 'The request body is too large' },
  bad_url: { status: 400, zh: '请求地址的编码不正确', en: 'The request URL is not correctly encoded' },
  url_too_long: { status: 414, zh: '请求地址中的参数过长', en: 'A parameter in the request URL is too long' },
  bad_request: { status: 400, zh: '请求格式不正确', en: 'Malformed request' },
  headers_too_large: { status: 431, zh: '请求头过大', en: 'The request headers are too large' },
  request_timeout: { status: 408, zh: '请求超时', en: 'The request timed out' },
  invalid_text: {
    status: 400,
    zh: '文本含有不允许的字符（控制字符、双向文字控制符或无效的 Unicode 字符）',
    en: 'The text contains characters that are not allowed (control characters, bidirectional controls or invalid Unicode)',
  },
  unsupported_media_type: { status: 415, zh: '不支持的请求内容类型', en: 'Unsupported request content type' },
  unauthenticated: { status: 401, zh: '请先登录', en: 'Please sign in first' },
  invalid_credentials: { status: 401, zh: '账号或密码错误', en: 'Wrong username or password' },
  account_locked: { status: 423, zh: '登录失败次数过多，请稍后再试', en: 'Too many failed sign-ins; try again later' },
  account_disabled: { status: 403, zh: '账户已停用，请联系管理员', en: 'The account is disabled; contact an administrator' },
  password_change_required: {
    status: 403,
    zh: '首次登录或密码被重置，请先修改密码',
    en: 'First sign-in or password reset: change your password first',
  },
  csrf_failed: { status: 403, zh: '安全校验失败，请刷新页面后重试', en: 'Security check failed; reload the page and retry' },
  forbidden: { status: 403, zh: '无权执行此操作', en: 'You are not allowed to do this' },
  not_found: { status: 404, zh: '记录不存在', en: 'The record does not exist' },
  route_not_found: { status: 404, zh: '接口不存在', en: 'No such API endpoint' },
  stale_version: { status: 409, zh: '该记录已被他人修改，请刷新后重试', en: 'Someone else changed this record; reload and retry' },
  username_taken: { status: 409, zh: '用户名已被使用', en: 'The username is already in use' },
  code_taken: { status: 409, zh: '代码已存在', en: 'The code already exists' },
  weak_password: {
    status: 400,
    zh: '密码强度不足：至少 10 位，且不能是常见密码、键盘或数字规律、日期，也不能包含账号、姓名或平台名称',
    en: 'The password is too weak: at least 10 characters, not a common password, keyboard or number pattern or date, and without the username, name or platform name',
  },
  wrong_password: { status: 400, zh: '原密码错误', en: 'The current password is wrong' },
  same_password: { status: 400, zh: '新密码不能与原密码相同', en: 'The new password must differ from the current one' },
  invalid_scope: { status: 400, zh: '角色与管辖范围不匹配', en: 'The role does not match the scope' },
  unknown_region: { status: 400, zh: '行政区划代码不存在', en: 'No such region code' },
  unknown_department: { status: 400, zh: '部门代码不存在', en: 'No such department code' },
  unknown_industry: { status: 400, zh: '行业代码不存在', en: 'No such industry code' },
  unknown_enterprise: { status: 400, zh: '企业不在档案中', en: 'The enterprise is not in the archive' },
  unknown_parent: { status: 400, zh: '上级区划不存在', en: 'No such parent region' },
  self_lockout: {
    status: 400,
    zh: '不能停用自己的账户或取消自己的管理员角色',
    en: 'You cannot disable your own account or remove your own admin role',
  },
  empty_update: { status: 400, zh: '没有需要修改的字段', en: 'Nothing to change' },
  uscc_shape: {
    status: 400,
    zh: '统一社会信用代码格式不正确：应为 18 位，不含字母 I、O、S、V、Z',
    en: 'Malformed Unified Social Credit Code: 18 characters, without the letters I, O, S, V, Z',
  },
  uscc_checksum: {
    status: 400,
    zh: '统一社会信用代码校验位错误；如确为试点地区旧码，请填写录入理由',
    en: 'Wrong Unified Social Credit Code check character; if this really is an old pilot-area code, give a reason',
  },
  uscc_taken: {
    status: 409,
    zh: '该统一社会信用代码的企业已存在',
    en: 'An enterprise with this Unified Social Credit Code already exists',
  },
  out_of_scope: { status: 403, zh: '只能管理本县市区的企业', en: 'You may only manage enterprises of your own county' },
  unknown_category: { status: 400, zh: '产品类别不存在', en: 'No such product category' },
  proposal_decided: { status: 409, zh: '该申请已处理', en: 'The request has already been decided' },
  duplicate_record: { status: 409, zh: '相同的记录已存在', en: 'The same record already exists' },
  invalid_transition: { status: 409, zh: '案件当前状态不允许该操作', en: 'The case’s current state does not allow this' },
  workflow_rule: { status: 400, zh: '不符合抽查工作程序的规定', en: 'This breaks the spot-check procedure rules' },
  repeat_check: {
    status: 409,
    zh: '6 个月内已抽查过同一产品（同一生产者、标准、商标、规格型号），不得重复抽查；跟踪抽查或突发事件抽查请注明类型',
    en: 'The same product (producer, standard, trademark, model) was checked within 6 months and may not be checked again; for follow-up or emergency checks, give the type',
  },
  category_not_in_plan: { status: 400, zh: '该产品类别不在抽查计划内', en: 'The product category is not in the inspection plan' },
  unknown_testing_body: { status: 400, zh: '检验机构不存在或已停用', en: 'The testing body does not exist or is inactive' },
  not_enough_inspectors: {
    status: 409,
    zh: '检查人员名录中少于 2 人，无法随机抽取检查人员',
    en: 'Fewer than 2 people in the inspector list; inspectors cannot be drawn at random',
  },
  response_not_allowed: {
    status: 409,
    zh: '只能对已公布的不合格抽查结果提交企业说明',
    en: 'An enterprise statement may only be filed for a published non-conforming result',
  },
  response_decided: { status: 409, zh: '该企业说明已审核', en: 'The enterprise statement has already been reviewed' },
  unknown_programme: { status: 400, zh: '名牌（奖项）项目不存在或已停用', en: 'The brand (award) programme does not exist or is inactive' },
  programme_closed: { status: 400, zh: '该项目已不再认定', en: 'The programme no longer grants awards' },
  not_eligible: {
    status: 409,
    zh: '企业不符合申报（推荐）条件；如确需继续，请填写理由',
    en: 'The enterprise is not eligible to apply (be recommended); to go ahead anyway, give a reason',
  },
  no_reward_rule: {
    status: 400,
    zh: '该项目当年没有奖励规则，请先设定',
    en: 'The programme has no reward rule for that year; set one first',
  },
  honour_revoked: { status: 409, zh: '该荣誉已撤销', en: 'The honour has been revoked' },
  reapply_barred: {
    status: 409,
    zh: '该企业获得此项目后未满规定年限，不得再次申报或认定',
    en: 'Too few years have passed since the enterprise received this award to apply or be granted it again',
  },
  no_review_due: { status: 409, zh: '该荣誉没有待复评事项', en: 'The honour has no review due' },
  listing_removed: { status: 409, zh: '该名单记录已移出', en: 'The listing has been removed' },
  report_locked: {
    status: 409,
    zh: '该数据已提交或已审核，不能修改；如需修改请由市领导小组办公室退回或解锁',
    en: 'The value has been submitted or approved and cannot be changed; ask the city leading group office to return or unlock it',
  },
  change_needs_comment: {
    status: 400,
    zh: '与上期相比变化较大，请在说明中写明原因后再提交',
    en: 'The change from the last period is large; explain it in the comment before submitting',
  },
  below_revenue_floor: {
    status: 409,
    zh: '企业当年销售收入未达到标志性工业企业标准（或未填报）；如确需列入，请填写理由',
    en: 'The enterprise’s sales revenue for the year is below the flagship industrial enterprise floor (or not reported); to list it anyway, give a reason',
  },
  no_candidates: {
    status: 409,
    zh: '档案中没有生产该类产品、可供抽取的企业',
    en: 'No enterprise in the archive makes this kind of product to draw from',
  },
  file_empty: { status: 400, zh: '文件为空', en: 'The file is empty' },
  document_type: {
    status: 400,
    zh: '只接受 PDF、OFD、Word、Excel、JPG、PNG 文件，且文件内容须与扩展名一致',
    en: 'Only PDF, OFD, Word, Excel, JPG and PNG files are accepted, and the content must match the extension',
  },
  file_unreadable: {
    status: 400,
    zh: '文件无法读取：请上传 Excel（.xlsx）或 CSV 文件',
    en: 'The file cannot be read: upload an Excel (.xlsx) or CSV file',
  },
  file_too_large: { status: 413, zh: '文件过大，请拆分后再导入', en: 'The file is too large; split it and import again' },
  no_file: { status: 400, zh: '请选择要上传的文件', en: 'Choose a file to upload' },
  upload_malformed: {
    status: 400,
    zh: '上传的内容不完整或格式不正确，请重新上传',
    en: 'The upload is incomplete or malformed; upload it again',
  },
  upload_one_file: { status: 400, zh: '一次只能上传一个文件，且不能附带其他字段', en: 'Upload one file at a time, with no other fields' },
  upload_field: { status: 400, zh: '文件须放在 multipart 字段 file 中上传', en: 'Send the file in the multipart field "file"' },
  search_too_short: { status: 400, zh: '搜索词至少 2 个字', en: 'Search for at least 2 characters' },
  bad_cursor: { status: 400, zh: '分页游标不正确，请从第一页重新查询', en: 'Bad paging cursor; search again from the first page' },
  rate_limited: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  standard_no_unknown: {
    status: 400,
    zh: '无法识别的标准编号格式；如确需录入，请填写理由',
    en: 'Unrecognised standard number; give a reason to record it anyway',
  },
  standard_kind_mismatch: { status: 400, zh: '标准编号与标准类别不符', en: 'The standard number does not match the kind of standard' },
  item_verdict_required: {
    status: 400,
    zh: '每个检验项目都须选择“合格”或“不合格”',
    en: 'Every test item needs its verdict: qualified or unqualified',
  },
  redraw_needs_reason: {
    status: 409,
    zh: '该类别已随机抽取过；再次抽取须填写理由，此前的抽取记录保留',
    en: 'This category has been drawn already; another draw needs a reason, and the earlier draw is kept',
  },
  draw_already_revealed: {
    status: 409,
    zh: '该次抽取已揭晓，不能再次抽取；如需重抽请新建一次抽取并填写理由',
    en: 'This draw is revealed and cannot be drawn again; start a new draw with a reason',
  },
  draw_not_revealed: {
    status: 409,
    zh: '该次抽取尚未揭晓种子，暂不能复算',
    en: "The draw's seed is not revealed yet, so it cannot be re-run",
  },
  renumber_needs_reason: {
    status: 409,
    zh: '已为其编发文号；再次编发须填写理由，原文号保留',
    en: 'A document number was issued already; another needs a reason, and the first is kept',
  },
  own_entry: {
    status: 403,
    zh: '不能审核自己填写或提交的数据，请由另一位工作人员审核',
    en: 'You cannot review figures you entered or submitted; another officer must',
  },
  header_not_found: {
    status: 400,
    zh: '在文件前 30 行中没有找到表头（如产品名称、被抽样单位、标称生产企业）',
    en: 'No header (such as product name, sampled unit, labelled producer) in the first 30 rows of the file',
  },
  import_not_ready: {
    status: 409,
    zh: '导入设置尚不完整，请先处理预览中列出的问题',
    en: "The import's settings are incomplete: resolve the problems listed in the preview first",
  },
  internal_error: {
    status: 500,
    zh: '服务器内部错误，请稍后再试或联系管理员',
    en: 'Internal server error; try again later or contact an administrator',
  },
  // helper E1
  parse_busy: {
    status: 429,
    zh: '您的上一个文件仍在读取中，请等它完成后再上传',
    en: 'Your previous file is still being read; wait for it to finish before uploading another',
  },
  // h-e2: natural keys
  duplicate_product: {
    status: 409,
    zh: '该企业已有同名、同品牌、同型号的产品',
    en: 'This enterprise already has a product with the same name, brand and model',
  },
  duplicate_former_name: { status: 409, zh: '该企业已登记过这个曾用名', en: 'This former name is already recorded for the enterprise' },
  duplicate_cultivation: {
    status: 409,
    zh: '该企业在这个项目（及所选产品）上已有进行中的培育',
    en: 'The enterprise already has an open cultivation for this programme (and products)',
  },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;
export type Lang = 'zh' | 'en';

/** A code's message in a language (every code has both: the type above requires it). */
export function errorMessage(code: ErrorCode, lang: Lang): string {
  return ERRORS[code][lang];
}
