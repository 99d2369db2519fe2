import { Alert } from 'antd';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n';

/** An API error in plain words, with its code so support can find it. */
export function errorMessage(err: unknown, t: ReturnType<typeof useI18n>['t']): string {
  if (err instanceof ApiError) {
    if (err.code === 'network') return t('error.network');
    return t('error.withCode', { message: err.message, code: err.code });
  }
  return String(err);
}

export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useI18n();
  return <Alert type="error" showIcon title={errorMessage(error, t)} />;
}
