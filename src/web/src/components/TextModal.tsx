import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n';
import { FormError } from './ErrorText';

/**
 * A modal with one text box: a decision's comment, an enterprise's response. `onSubmit` sends it;
 * its error (with the code) stays in the modal, the modal closes on success.
 */
export function TextModal({ title, label, initial = '', min = 0, max, okText, onSubmit, onClose }: {
  title: string;
  label: string;
  initial?: string;
  min?: number;
  max: number;
  okText: string;
  onSubmit: (text: string) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ text?: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => form.submit()} okText={okText} cancelText={t('common.cancel')} confirmLoading={busy}>
      <FormError error={error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ text: initial }}
        onFinish={async ({ text }) => {
          setBusy(true);
          try {
            await onSubmit((text ?? '').trim());
            onClose();
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="text" label={label} rules={[{ required: min > 0, message: t('form.required') }, { min, max, message: t('form.length', { min, max }) }]}>
          <Input.TextArea rows={4} maxLength={max} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
