import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, List, Space, Timeline, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { Static } from 'typebox';
import type { Cultivation } from '../../../../contract/schemas/brands';
import { LIMITS } from '../../../../contract/limits';
import { api, upload } from '../../api/client';
import { errorMessage } from '../../components/ErrorText';
import { TextModal } from '../../components/TextModal';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { formatDate } from '../enterprises/labels';

type Row = Static<typeof Cultivation>;
const ACCEPT = '.pdf,.ofd,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png';
const size = (n: number) => (n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

/** A cultivation opened: its steps with dates, notes and overrides, and its documents. */
export function CultivationDetail({ row, mayWrite }: { row: Row; mayWrite: boolean }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<Row['documents'][number] | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: ['cultivations'] });
  return (
    <Space align="start" size="large" wrap style={{ width: '100%' }}>
      <div style={{ minWidth: 320 }}>
        <Typography.Text strong>{t('cultivation.steps')}</Typography.Text>
        <Timeline
          style={{ marginTop: 12 }}
          items={row.events.map((e) => {
            const override = e.override as { reason: string } | null;
            return {
              color: override ? 'orange' : 'blue',
              children: (
                <>
                  {t(`cultivation.stage.${e.stage}` as MessageKey)} · {formatDate(e.on, lang)}
                  {e.note && <div><Typography.Text type="secondary">{e.note}</Typography.Text></div>}
                  {override && <div><Typography.Text type="warning">{t('cultivation.overridden', { reason: override.reason })}</Typography.Text></div>}
                </>
              ),
            };
          })}
        />
      </div>
      <div style={{ minWidth: 320 }}>
        <Space>
          <Typography.Text strong>{t('cultivation.documents')}</Typography.Text>
          {mayWrite && (
            <Upload
              accept={ACCEPT}
              showUploadList={false}
              customRequest={async ({ file }) => {
                setBusy(true);
                try {
                  await upload(`/cultivations/${row.id}/documents`, file as File, () => undefined);
                  message.success(t('common.saved'));
                  await refresh();
                } catch (err) {
                  message.error(errorMessage(err, t));
                } finally {
                  setBusy(false);
                }
              }}
            >
              <Button size="small" icon={<UploadOutlined />} loading={busy}>{t('cultivation.upload')}</Button>
            </Upload>
          )}
        </Space>
        <List
          size="small"
          locale={{ emptyText: t('cultivation.noDocuments') }}
          dataSource={row.documents}
          renderItem={(d) => (
            <List.Item actions={mayWrite ? [<Button key="rm" size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => setRemoving(d)} />] : []}>
              <a href={`/api/v1/cultivations/${row.id}/documents/${d.id}`}><PaperClipOutlined /> {d.name}</a>
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>{size(d.size)}</Typography.Text>
            </List.Item>
          )}
        />
        <Typography.Text type="secondary">{t('cultivation.documentHint')}</Typography.Text>
      </div>
      {removing && (
        <TextModal
          title={`${t('common.delete')} · ${removing.name}`}
          label={t('record.deleteReason')}
          min={LIMITS.reason.min}
          max={LIMITS.reason.max}
          okText={t('common.delete')}
          onClose={() => setRemoving(null)}
          onSubmit={async (reason) => {
            await api('DELETE', `/cultivations/${row.id}/documents/${removing.id}`, { reason });
            message.success(t('common.saved'));
            await refresh();
          }}
        />
      )}
    </Space>
  );
}
