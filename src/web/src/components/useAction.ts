import { App } from 'antd';
import { api } from '../api/client';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/zh-CN';
import { errorMessage } from './ErrorText';

/**
 * A one-click POST (approve, open, select…): `done` ("saved") on success and then `after` (a refresh),
 * the error with its code as a message otherwise.
 */
export function useAction(after: () => Promise<unknown>, done: MessageKey = 'common.saved') {
  const { t } = useI18n();
  const { message } = App.useApp();
  return async (path: string, body: object) => {
    try {
      await api('POST', path, body);
      message.success(t(done));
      await after();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };
}
