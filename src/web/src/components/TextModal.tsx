import { Form, Input } from 'antd';
import { useI18n } from '../i18n';
import { FormModal } from './FormModal';

/** A modal with one text box: a decision's comment, an enterprise's response, a reason. */
export function TextModal({
  title,
  label,
  initial = '',
  min = 0,
  max,
  okText,
  onSubmit,
  onClose,
}: {
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
  return (
    <FormModal<{ text?: string }>
      title={title}
      okText={okText}
      initialValues={{ text: initial }}
      onClose={onClose}
      onSubmit={({ text }) => onSubmit((text ?? '').trim())}
    >
      <Form.Item
        name="text"
        label={label}
        rules={[
          { required: min > 0, message: t('form.required') },
          { min, max, message: t('form.length', { min, max }) },
        ]}
      >
        <Input.TextArea rows={4} maxLength={max} showCount />
      </Form.Item>
    </FormModal>
  );
}
