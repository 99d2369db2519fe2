import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { LIMITS } from '../../../../contract/limits';
import { useSession, useSessionActions } from '../../api/session';
import { errorMessage } from '../../components/ErrorText';
import { showFieldErrors } from '../../components/formErrors';
import { useI18n } from '../../i18n';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const { changePassword } = useSessionActions();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const forced = session.data?.user.mustChangePassword;

  async function submit(values: Values) {
    setBusy(true);
    setError(null);
    try {
      await changePassword(values.currentPassword, values.newPassword);
      message.success(t('password.done'));
      navigate('/', { replace: true });
    } catch (err) {
      setError(errorMessage(err, t));
      // A refused new password: the server's reasons (common password, keyboard pattern…) under the field.
      showFieldErrors(form, err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('password.title')} style={{ maxWidth: 480 }}>
      {forced && <Alert type="warning" showIcon title={t('password.forced')} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          extra={t('password.rule', { min: LIMITS.password.min })}
          // Length here; how guessable it is, the server judges (the same rule for the CLI).
          rules={[
            { required: true },
            { min: LIMITS.password.min, max: LIMITS.password.max, message: t('password.rule', { min: LIMITS.password.min }) },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('password.submit')}
        </Button>
      </Form>
    </Card>
  );
}
