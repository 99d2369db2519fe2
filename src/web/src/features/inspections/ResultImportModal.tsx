import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, AutoComplete, Button, Form, Modal, Progress, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { FormError } from '../../components/ErrorText';
import { useI18n } from '../../i18n';
import type { Plan } from './api';
import { ResultImportRows, STATUS_COLOR } from './ResultImportRows';
import { ResultImportSettings } from './ResultImportSettings';
import {
  confirmResultImport,
  updateResultImport,
  uploadResultTable,
  useResultImportIssuers,
  type ImportPreview,
  type ImportSettings,
} from './resultImportApi';

/** The authority that usually publishes a plan's level of table: a suggestion in the issuer box, never a choice made for the officer. */
const ISSUER_HINT: Record<string, string> = { national: '国家市场监督管理总局', provincial: '湖南省市场监督管理局' };

/**
 * 导入结果表: name the issuing authority, upload the table as published, check the columns and the
 * notice's facts the platform proposes, see every batch read through them and choose among
 * look-alike producers, then confirm. Nothing is written before the confirmation.
 */
export function ResultImportModal({ plan, onClose }: { plan: Plan; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const issuers = useResultImportIssuers().data ?? [];
  const [issuer, setIssuer] = useState(ISSUER_HINT[plan.level] ?? '');
  const [progress, setProgress] = useState<number | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [settings, setSettings] = useState<ImportSettings | null>(null);
  const [choices, setChoices] = useState<Record<number, string | null>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const dirty = preview !== null && JSON.stringify(settings) !== JSON.stringify(preview.settings);

  function show(next: ImportPreview) {
    setPreview(next);
    setSettings(next.settings);
  }
  async function send(file: File) {
    setError(null);
    setProgress(0);
    try {
      show(await uploadResultTable(plan.id, file, issuer.trim(), setProgress));
      setChoices({});
    } catch (err) {
      setError(err);
    } finally {
      setProgress(null);
    }
  }
  async function run(step: () => Promise<void>) {
    setError(null);
    setBusy(true);
    try {
      await step();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const apply = () => run(async () => show(await updateResultImport(preview!, settings!)));
  const confirm = () =>
    run(async () => {
      const res = await confirmResultImport(
        preview!,
        Object.entries(choices).map(([line, enterpriseId]) => ({ line: Number(line), enterpriseId })),
      );
      message.success(t('resultImport.done', res));
      await client.invalidateQueries({ queryKey: ['inspections'] });
      await client.invalidateQueries({ queryKey: ['result-imports', plan.id] });
      onClose();
    });

  const footer = preview
    ? [
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="apply" disabled={!dirty} loading={busy && dirty} onClick={apply}>
          {t('resultImport.apply')}
        </Button>,
        <Button key="ok" type="primary" disabled={dirty || preview.problems.length > 0} loading={busy && !dirty} onClick={confirm}>
          {t('resultImport.confirm')}
        </Button>,
      ]
    : null;

  return (
    <Modal
      open
      width="min(1400px, 96vw)"
      title={`${t('resultImport.title')} · ${plan.title}`}
      onCancel={onClose}
      footer={footer}
      maskClosable={false}
    >
      <FormError error={error} />
      {!preview && (
        <>
          <Typography.Paragraph type="secondary">{t('resultImport.hint')}</Typography.Paragraph>
          <Form layout="vertical">
            <Form.Item label={t('resultImport.issuer')} extra={t('resultImport.issuerHint')}>
              <AutoComplete
                aria-label={t('resultImport.issuer')}
                value={issuer}
                onChange={setIssuer}
                options={issuers.map((i) => ({ value: i }))}
                style={{ maxWidth: 420 }}
                filterOption={(input, o) => String(o?.value).includes(input)}
              />
            </Form.Item>
          </Form>
          <Upload.Dragger
            accept=".xlsx,.xls,.csv,.htm,.html,.txt"
            multiple={false}
            showUploadList={false}
            disabled={progress !== null}
            beforeUpload={(f) => {
              void send(f);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('resultImport.upload')}</p>
          </Upload.Dragger>
          {progress !== null && <Progress percent={progress} />}
        </>
      )}
      {preview && settings && (
        <>
          {preview.problems.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('resultImport.problems')}
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {preview.problems.map((p) => (
                    <li key={p.code + p.message}>{p.message}</li>
                  ))}
                </ul>
              }
            />
          )}
          {preview.warnings.length > 0 && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('resultImport.warnings')}
              description={preview.warnings.join('；')}
            />
          )}
          {dirty && <Alert type="info" style={{ marginBottom: 12 }} title={t('resultImport.dirty')} />}
          <ResultImportSettings preview={preview} settings={settings} onChange={setSettings} />
          <Space wrap style={{ marginBottom: 12 }}>
            <Tag>
              {t('resultImport.count.batches')}：{preview.counts.batches}
            </Tag>
            <Tag color="green">
              {t('resultImport.count.qualified')}：{preview.counts.qualified}
            </Tag>
            <Tag color="red">
              {t('resultImport.count.unqualified')}：{preview.counts.unqualified}
            </Tag>
            {(['matched', 'candidates', 'disputed', 'unmatched', 'no_producer', 'error'] as const).map((s) => (
              <Tag key={s} color={STATUS_COLOR[s]}>
                {t(`resultImport.status.${s}`)}：{preview.counts[s === 'no_producer' ? 'noProducer' : s]}
              </Tag>
            ))}
          </Space>
          <ResultImportRows rows={preview.rows} choices={choices} onChoose={(line, id) => setChoices({ ...choices, [line]: id })} />
        </>
      )}
    </Modal>
  );
}
