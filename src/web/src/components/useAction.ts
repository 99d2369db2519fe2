import { App } from 'antd';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/zh-CN';
import { errorMessage } from './ErrorText';

/**
 * A one-click action (approve, open, select…), a call of a feature's api.ts: `done` ("saved") on
 * success and then `after` (a refresh), the error with its code as a message otherwise.
 */
export function useAction(after: () => Promise<unknown>, done: MessageKey = 'common.saved') {
  const { t } = useI18n();
  const { message } = App.useApp();
  return async (call: () => Promise<unknown>) => {
    try {
      await call();
      message.success(t(done));
      await after();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };
}
