import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Modal, Progress, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api, upload } from '../../api/client';
import { FormError } from '../../components/ErrorText';
import { useI18n } from '../../i18n';
import type { Plan } from './api';

interface Candidate { id: string; name: string; uscc: string; score?: number }
interface Row { line: number; values: Record<string, string>; status: 'matched' | 'candidates' | 'unmatched' | 'error'; match: Candidate | null; candidates: Candidate[]; errors: string[] }
interface Preview { id: string; rows: Row[]; counts: Record<Row['status'], number> }

const STATUS_COLOR: Record<Row['status'], string> = { matched: 'green', candidates: 'orange', unmatched: 'default', error: 'red' };

/** 导入公布的结果表: upload, see how each producer matched, choose among look-alikes, confirm. */
export function ResultImportModal({ plan, onClose }: { plan: Plan; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [choices, setChoices] = useState<Record<number, string | null>>({});
  const [error, setError] = useState<unknown>(null);

  async function send(file: File) {
    setError(null);
    setProgress(0);
    try {
      setPreview(await upload<Preview>(`/inspection-plans/${plan.id}/result-imports`, file, setProgress));
      setChoices({});
    } catch (err) {
      setError(err);
    } finally {
      setProgress(null);
    }
  }
  async function confirm() {
    try {
      const res = await api<{ linked: number; unlinked: number; skipped: number }>('POST', `/result-imports/${preview!.id}/confirm`, {
        choices: Object.entries(choices).map(([line, enterpriseId]) => ({ line: Number(line), enterpriseId })),
      });
      message.success(t('resultImport.done', res));
      await client.invalidateQueries({ queryKey: ['inspections'] });
      onClose();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Modal open width={980} title={`${t('resultImport.title')} · ${plan.title}`} onCancel={onClose} footer={preview ? [<Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>, <Button key="ok" type="primary" onClick={confirm}>{t('resultImport.confirm')}</Button>] : null}>
      <FormError error={error} />
      {!preview && (
        <>
          <Typography.Paragraph type="secondary">{t('resultImport.hint')}</Typography.Paragraph>
          <Upload.Dragger accept=".xlsx,.csv" multiple={false} showUploadList={false} disabled={progress !== null} beforeUpload={(f) => { void send(f); return false; }}>
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{t('import.drop')}</p>
          </Upload.Dragger>
          {progress !== null && <Progress percent={progress} />}
        </>
      )}
      {preview && (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            {(['matched', 'candidates', 'unmatched', 'error'] as const).map((s) => <Tag key={s} color={STATUS_COLOR[s]}>{t(`resultImport.status.${s}` as never)}：{preview.counts[s]}</Tag>)}
          </Space>
          <Table<Row>
            rowKey="line"
            size="small"
            dataSource={preview.rows}
            pagination={preview.rows.length > 20 ? { pageSize: 20 } : false}
            scroll={{ x: 900 }}
            columns={[
              { key: 'line', title: t('import.line'), dataIndex: 'line', width: 60 },
              { key: 'product', title: t('inspection.productName'), render: (_, r) => [r.values.productName, r.values.model].filter(Boolean).join(' · ') },
              { key: 'producer', title: t('inspection.producer'), render: (_, r) => r.values.producer },
              { key: 'result', title: t('public.result'), render: (_, r) => r.values.result },
              { key: 'status', title: t('resultImport.match'), width: 110, render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{t(`resultImport.status.${r.status}` as never)}</Tag> },
              {
                key: 'link',
                title: t('resultImport.archive'),
                render: (_, r) =>
                  r.status === 'matched' ? (
                    r.match!.name
                  ) : r.status === 'candidates' ? (
                    <Select
                      allowClear
                      aria-label={t('resultImport.choose')}
                      placeholder={t('resultImport.choose')}
                      style={{ minWidth: 260 }}
                      value={choices[r.line] ?? undefined}
                      onChange={(v) => setChoices({ ...choices, [r.line]: v ?? null })}
                      options={r.candidates.map((c) => ({ value: c.id, label: `${c.name}（${Math.round((c.score ?? 0) * 100)}%）` }))}
                    />
                  ) : r.status === 'error' ? (
                    <Typography.Text type="danger">{r.errors.join('；')}</Typography.Text>
                  ) : (
                    <Typography.Text type="secondary">{t('resultImport.notLinked')}</Typography.Text>
                  ),
              },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
