import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/**
 * Puts an API error's field details (path "body/name") on the form's fields, so the officer
 * sees the server's own Chinese message under the field it concerns.
 */
export function showFieldErrors(form: FormInstance, err: unknown): void {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return;
  const fields = (err.details as { path?: string; message?: string }[])
    .filter((d) => d.path?.startsWith('body/') && d.message)
    .map((d) => ({ name: d.path!.slice(5).split('/')[0]!, errors: [d.message!] }))
    .filter((f) => form.getFieldInstance(f.name) !== undefined || form.getFieldsValue(true)[f.name] !== undefined);
  if (fields.length) form.setFields(fields);
}

export const isConflict = (err: unknown) => err instanceof ApiError && err.code === 'stale_version';
