import { Alert, Button } from 'antd';
import { ApiError } from '../api/client';
import { isConflict } from './formErrors';
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

/**
 * The error of a form's last submit, above the form: a version conflict says someone changed the
 * record and offers a reload; anything else shows its message (in the console's language) and code.
 */
export function FormError({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (error === null || error === undefined) return null;
  const conflict = isConflict(error);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 12 }}
      title={conflict ? t('common.conflict') : errorMessage(error, t)}
      action={
        conflict ? (
          <Button size="small" onClick={() => window.location.reload()}>
            {t('common.reload')}
          </Button>
        ) : undefined
      }
    />
  );
}
