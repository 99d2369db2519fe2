import { describe, expect, it } from 'vitest';
import { describeValidationErrors } from './validation-messages';

describe('describeValidationErrors', () => {
  it.each([
    [{ keyword: 'required', instancePath: '', params: { requiredProperties: ['a', 'b'] } }, 'body', '缺少必填字段：a、b'],
    [{ keyword: 'additionalProperties', instancePath: '', params: { additionalProperties: ['z'] } }, 'body', '不允许的字段：z'],
    [{ keyword: 'maxLength', instancePath: '/name', params: { limit: 100 } }, 'body/name', '长度不能超过 100 个字符'],
    [{ keyword: 'minLength', instancePath: '/name', params: { limit: 1 } }, 'body/name', '不能为空'],
    [{ keyword: 'minimum', instancePath: '/limit', params: { limit: 1 } }, 'body/limit', '不能小于 1'],
    [{ keyword: 'type', instancePath: '/version', params: { type: 'integer' } }, 'body/version', '类型错误，应为整数'],
    [{ keyword: 'format', instancePath: '/id', params: { format: 'uuid' } }, 'body/id', '格式不正确（uuid）'],
    [{ keyword: 'enum', instancePath: '/role', params: {} }, 'body/role', '取值不在允许范围内'],
  ])('%j', (error, path, message) => {
    expect(describeValidationErrors([error], 'body')).toEqual([{ path, message }]);
  });

  it('reports a union failure once, not once per branch', () => {
    const errors = [
      { keyword: 'const', instancePath: '/c', params: { allowedValue: 'x' } },
      { keyword: 'const', instancePath: '/c', params: { allowedValue: 'y' } },
      { keyword: 'anyOf', instancePath: '/c', params: {} },
    ];
    expect(describeValidationErrors(errors, 'querystring')).toEqual([{ path: 'querystring/c', message: '取值不在允许范围内' }]);
  });

  it('speaks English when asked', () => {
    const errors = [
      { keyword: 'maxLength', instancePath: '/name', params: { limit: 100 } },
      { keyword: 'type', instancePath: '/version', params: { type: 'integer' } },
      { keyword: 'const', instancePath: '/c', params: {} },
    ];
    expect(describeValidationErrors(errors, 'body', 'en')).toEqual([
      { path: 'body/name', message: 'At most 100 characters' },
      { path: 'body/version', message: 'Wrong type: should be an integer' },
    ]);
  });
});
