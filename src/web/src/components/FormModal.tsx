import { Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { FormError } from './ErrorText';
import { showFieldErrors } from './formErrors';

/**
 * A form in a modal: `onSubmit` sends the values; while it runs the OK button spins; its error
 * (with the code, and under the fields it names) stays in the modal; the modal closes on success.
 */
export function FormModal<V>({
  title,
  okText,
  width,
  initialValues,
  form: given,
  onSubmit,
  onClose,
  children,
}: {
  title: string;
  okText?: string;
  width?: number;
  initialValues?: Partial<V>;
  form?: FormInstance<V>;
  onSubmit: (values: V) => Promise<void>;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const [own] = Form.useForm<V>();
  const form = given ?? own;
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open
      width={width}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
    >
      <FormError error={error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={initialValues as never}
        onFinish={async (values) => {
          setBusy(true);
          setError(null);
          try {
            await onSubmit(values);
            onClose();
          } catch (err) {
            setError(err);
            showFieldErrors(form as FormInstance, err);
          } finally {
            setBusy(false);
          }
        }}
      >
        {children}
      </Form>
    </Modal>
  );
}
