/** A schema-validation error as TypeBox (and Ajv) report it. */
export interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

const TYPE_NAMES: Record<string, string> = {
  string: '文本', integer: '整数', number: '数字', boolean: '布尔值', object: '对象', array: '数组', null: '空值',
};

function chinese(e: SchemaError): string | null {
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return `缺少必填字段：${((p.requiredProperties as string[] | undefined) ?? [p.missingProperty]).join('、')}`;
    case 'additionalProperties':
      return `不允许的字段：${((p.additionalProperties as string[] | undefined) ?? [p.additionalProperty]).join('、')}`;
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
      return `类型错误，应为${TYPE_NAMES[String(p.type)] ?? String(p.type)}`;
    case 'format':
      return `格式不正确（${p.format}）`;
    case 'pattern':
      return '格式不正确';
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
}

/** Turns validator errors into the API's details: one Chinese message per field and problem. */
export function describeValidationErrors(errors: SchemaError[], part: string): { path: string; message: string }[] {
  const seen = new Set<string>();
  const details: { path: string; message: string }[] = [];
  for (const e of errors) {
    const message = chinese(e);
    if (!message) continue;
    const path = `${part}${e.instancePath}`;
    const key = `${path}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    details.push({ path, message });
  }
  return details.length ? details : [{ path: part, message: '取值不合法' }];
}
