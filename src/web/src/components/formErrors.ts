import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/**
 * Puts an API error's field details (path "body/name") on the form's fields, so the officer
 * sees the server's own message (in the console's language) under the field it concerns.
 */
export function showFieldErrors(form: FormInstance, err: unknown): void {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return;
  // Every message a field has (a refused password has several reasons), under that field.
  const byField = new Map<string, string[]>();
  for (const d of err.details as { path?: string; message?: string }[]) {
    if (!d.path?.startsWith('body/') || !d.message) continue;
    const name = d.path.slice(5).split('/')[0]!;
    byField.set(name, [...(byField.get(name) ?? []), d.message]);
  }
  const fields = [...byField]
    .map(([name, errors]) => ({ name, errors }))
    .filter((f) => form.getFieldInstance(f.name) !== undefined || form.getFieldsValue(true)[f.name] !== undefined);
  if (fields.length) form.setFields(fields);
}

export const isConflict = (err: unknown) => err instanceof ApiError && err.code === 'stale_version';
