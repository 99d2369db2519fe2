import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, List, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { Static } from 'typebox';
import { LIMITS } from '../../../contract/limits';
import type { DocumentInfo } from '../../../contract/schemas/common';
import { documentUrl, removeDocument, uploadDocument } from '../api/documents';
import { useI18n } from '../i18n';
import { errorMessage } from './ErrorText';
import { TextModal } from './TextModal';

type Doc = Static<typeof DocumentInfo>;
const ACCEPT = '.pdf,.ofd,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png';
const size = (n: number) => (n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

/**
 * The documents of a record (a cultivation, a case) under `base` (`/cultivations/{id}/documents`):
 * download links, an upload button and removal with a reason for those who may write.
 */
export function DocumentList({
  base,
  title,
  documents,
  mayWrite,
  onChanged,
}: {
  base: string;
  title: string;
  documents: Doc[];
  mayWrite: boolean;
  onChanged: () => Promise<unknown>;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<Doc | null>(null);
  return (
    <div style={{ minWidth: 320 }}>
      <Space>
        <Typography.Text strong>{title}</Typography.Text>
        {mayWrite && (
          <Upload
            accept={ACCEPT}
            showUploadList={false}
            customRequest={async ({ file }) => {
              setBusy(true);
              try {
                await uploadDocument(base, file as File);
                message.success(t('common.saved'));
                await onChanged();
              } catch (err) {
                message.error(errorMessage(err, t));
              } finally {
                setBusy(false);
              }
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={busy}>
              {t('documents.upload')}
            </Button>
          </Upload>
        )}
      </Space>
      <List
        size="small"
        locale={{ emptyText: t('documents.none') }}
        dataSource={documents}
        renderItem={(d) => (
          <List.Item
            actions={
              mayWrite
                ? [
                    <Button
                      key="rm"
                      size="small"
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={`${t('common.delete')} ${d.name}`}
                      onClick={() => setRemoving(d)}
                    />,
                  ]
                : []
            }
          >
            <a href={documentUrl(base, d.id)}>
              <PaperClipOutlined /> {d.name}
            </a>
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {size(d.size)}
            </Typography.Text>
          </List.Item>
        )}
      />
      <Typography.Text type="secondary">{t('documents.hint')}</Typography.Text>
      {removing && (
        <TextModal
          title={`${t('common.delete')} · ${removing.name}`}
          label={t('record.deleteReason')}
          min={LIMITS.reason.min}
          max={LIMITS.reason.max}
          okText={t('common.delete')}
          onClose={() => setRemoving(null)}
          onSubmit={async (reason) => {
            await removeDocument(base, removing.id, { reason });
            message.success(t('common.saved'));
            await onChanged();
          }}
        />
      )}
    </div>
  );
}
