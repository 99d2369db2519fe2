import { App } from 'antd';
import { api } from '../api/client';
import { useI18n } from '../i18n';
import { errorMessage } from './ErrorText';

/**
 * A one-click POST (approve, open, select…): "saved" on success and then `after` (a refresh),
 * the error with its code as a message otherwise.
 */
export function useAction(after: () => Promise<unknown>) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return async (path: string, body: object) => {
    try {
      await api('POST', path, body);
      message.success(t('common.saved'));
      await after();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };
}
