import type { Lang } from '../../contract/errors';
import { describeTextProblem, type TextProblem } from '../lib/text';

/** A schema-validation error as TypeBox (and Ajv) report it. */
export interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

const TYPE_NAMES: Record<Lang, Record<string, string>> = {
  zh: { string: '文本', integer: '整数', number: '数字', boolean: '布尔值', object: '对象', array: '数组', null: '空值' },
  en: {
    string: 'text',
    integer: 'an integer',
    number: 'a number',
    boolean: 'true or false',
    object: 'an object',
    array: 'a list',
    null: 'null',
  },
};

const list = (p: Record<string, unknown>, many: string, one: string) => (p[many] as string[] | undefined) ?? [p[one]];

/** One message per keyword, in each language; null for keywords reported by their parent. */
const MESSAGES: Record<Lang, (e: SchemaError) => string | null> = {
  zh(e) {
    const p = e.params;
    switch (e.keyword) {
      case 'required':
        return `缺少必填字段：${list(p, 'requiredProperties', 'missingProperty').join('、')}`;
      case 'additionalProperties':
        return `不允许的字段：${list(p, 'additionalProperties', 'additionalProperty').join('、')}`;
      case 'maxLength':
        return `长度不能超过 ${p.limit} 个字符`;
      case 'minLength':
        return p.limit === 1 ? '不能为空' : `长度不能少于 ${p.limit} 个字符`;
      case 'maximum':
        return `不能大于 ${p.limit}`;
      case 'minimum':
        return `不能小于 ${p.limit}`;
      case 'maxItems':
        return `不能超过 ${p.limit} 项`;
      case 'minItems':
        return `至少需要 ${p.limit} 项`;
      case 'type':
        return `类型错误，应为${TYPE_NAMES.zh[String(p.type)] ?? String(p.type)}`;
      case 'format':
        return `格式不正确（${p.format}）`;
      case 'pattern':
        return '格式不正确';
      case 'text':
        return describeTextProblem(p as unknown as TextProblem, 'zh');
      case 'maxDepth':
        return `嵌套不能超过 ${p.limit} 层`;
      case 'anyOf':
      case 'enum':
        return '取值不在允许范围内';
      // Reported alongside their anyOf / additionalProperties parent: one message per problem.
      case 'const':
      case 'boolean':
        return null;
      default:
        return '取值不合法';
    }
  },
  en(e) {
    const p = e.params;
    switch (e.keyword) {
      case 'required':
        return `Missing required field: ${list(p, 'requiredProperties', 'missingProperty').join(', ')}`;
      case 'additionalProperties':
        return `Field not allowed: ${list(p, 'additionalProperties', 'additionalProperty').join(', ')}`;
      case 'maxLength':
        return `At most ${p.limit} characters`;
      case 'minLength':
        return p.limit === 1 ? 'Must not be empty' : `At least ${p.limit} characters`;
      case 'maximum':
        return `Must not be greater than ${p.limit}`;
      case 'minimum':
        return `Must not be less than ${p.limit}`;
      case 'maxItems':
        return `At most ${p.limit} items`;
      case 'minItems':
        return `At least ${p.limit} items`;
      case 'type':
        return `Wrong type: should be ${TYPE_NAMES.en[String(p.type)] ?? String(p.type)}`;
      case 'format':
        return `Wrong format (${p.format})`;
      case 'pattern':
        return 'Wrong format';
      case 'text':
        return describeTextProblem(p as unknown as TextProblem, 'en');
      case 'maxDepth':
        return `Nested more than ${p.limit} levels deep`;
      case 'anyOf':
      case 'enum':
        return 'Not one of the allowed values';
      case 'const':
      case 'boolean':
        return null;
      default:
        return 'Invalid value';
    }
  },
};

/** Turns validator errors into the API's details: one message per field and problem, in `lang` (Chinese by default). */
export function describeValidationErrors(errors: SchemaError[], part: string, lang: Lang = 'zh'): { path: string; message: string }[] {
  const seen = new Set<string>();
  const details: { path: string; message: string }[] = [];
  for (const e of errors) {
    const message = MESSAGES[lang](e);
    if (!message) continue;
    const path = `${part}${e.instancePath}`;
    const key = `${path}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    details.push({ path, message });
  }
  return details.length ? details : [{ path: part, message: lang === 'en' ? 'Invalid value' : '取值不合法' }];
}
