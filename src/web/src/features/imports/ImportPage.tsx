import { CheckCircleOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Progress, Radio, Result, Row, Space, Statistic, Steps, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Static } from 'typebox';
import { IMPORT_KIND_VALUES, type ImportReport } from '../../../../contract/schemas/imports';
import { errorMessage } from '../../components/ErrorText';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n';
import { uploadImport } from './api';

type Kind = (typeof IMPORT_KIND_VALUES)[number];
type Report = Static<typeof ImportReport>;

const ACCEPT = '.xlsx,.csv';

/**
 * 数据导入: choose the kind and get its template; upload, which only verifies; read the report
 * of bad rows; then confirm (all rows, or only the good ones) and see what changed.
 */
export function ImportPage() {
  const { t, lang } = useI18n();
  const client = useQueryClient();
  const [kind, setKind] = useState<Kind>('enterprises');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [check, setCheck] = useState<Report | null>(null);
  const [result, setResult] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);
  const step = result ? 3 : check ? 2 : file ? 1 : 0;

  async function send(mode: Report['mode'], chosen: File) {
    setError(null);
    setProgress(0);
    try {
      const report = await uploadImport(kind, mode, chosen, setProgress);
      if (mode === 'check') setCheck(report);
      else {
        setResult(report);
        await client.invalidateQueries();
      }
    } catch (err) {
      setError(err);
    } finally {
      setProgress(null);
    }
  }
  const restart = () => {
    setFile(null);
    setCheck(null);
    setResult(null);
    setError(null);
  };

  return (
    <>
      <PageHeader title={t('menu.import')} trail={[{ title: t('menu.import') }]} />
      <Card>
        <Steps
          current={step}
          size="small"
          style={{ marginBottom: 24 }}
          items={[
            { title: t('import.step.kind') },
            { title: t('import.step.upload') },
            { title: t('import.step.check') },
            { title: t('import.step.done') },
          ]}
        />
        {step <= 1 && (
          <>
            <Typography.Title level={5}>{t('import.chooseKind')}</Typography.Title>
            <Radio.Group
              value={kind}
              onChange={(e) => {
                setKind(e.target.value);
                restart();
              }}
              aria-label={t('import.chooseKind')}
            >
              <Row gutter={[8, 8]}>
                {IMPORT_KIND_VALUES.map((k) => (
                  <Col key={k} xs={12} md={8} xl={6}>
                    <Radio value={k}>{t(`import.kind.${k}`)}</Radio>
                  </Col>
                ))}
              </Row>
            </Radio.Group>
            <Space style={{ margin: '16px 0' }} wrap>
              <Typography.Text type="secondary">{t('import.templateHint')}</Typography.Text>
              <Button icon={<DownloadOutlined />} href={`/api/v1/import-templates/${kind}?format=xlsx`}>
                {t('import.templateXlsx')}
              </Button>
              <Button icon={<DownloadOutlined />} href={`/api/v1/import-templates/${kind}?format=csv`}>
                {t('import.templateCsv')}
              </Button>
            </Space>
            <Upload.Dragger
              accept={ACCEPT}
              multiple={false}
              showUploadList={false}
              disabled={progress !== null}
              beforeUpload={(f) => {
                setFile(f);
                setCheck(null);
                void send('check', f);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('import.drop')}</p>
              <p className="ant-upload-hint">{t('import.dropHint')}</p>
            </Upload.Dragger>
          </>
        )}
        {progress !== null && (
          <div style={{ marginTop: 16 }} aria-live="polite">
            <Typography.Text>{progress < 100 ? t('import.uploading', { name: file?.name ?? '' }) : t('import.verifying')}</Typography.Text>
            <Progress percent={progress} status={progress < 100 ? 'active' : 'normal'} />
          </div>
        )}
        {error !== null && (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginTop: 16 }}
            title={errorMessage(error, t)}
            action={
              <Button size="small" onClick={restart}>
                {t('import.again')}
              </Button>
            }
          />
        )}
        {check && !result && (
          <div aria-live="polite">
            <Typography.Title level={5}>{t('import.reportOf', { name: file?.name ?? '' })}</Typography.Title>
            <Row gutter={16} style={{ marginBottom: 16 }}>
              <Col xs={12} md={4}>
                <Statistic title={t('import.rows')} value={check.rows} />
              </Col>
              <Col xs={12} md={5}>
                <Statistic title={t('import.willInsert')} value={check.inserted} />
              </Col>
              <Col xs={12} md={5}>
                <Statistic title={t('import.willUpdate')} value={check.updated} />
              </Col>
              <Col xs={12} md={5}>
                <Statistic title={t('import.willKeep')} value={check.unchanged} />
              </Col>
              <Col xs={12} md={5}>
                <Statistic
                  title={t('import.badRows')}
                  value={check.rejected}
                  valueStyle={check.rejected ? { color: '#cf1322' } : undefined}
                />
              </Col>
            </Row>
            {check.warnings.map((w) => (
              <Alert key={w} type="warning" showIcon title={w} style={{ marginBottom: 8 }} />
            ))}
            {check.errors.length > 0 ? (
              <>
                <Alert
                  type="error"
                  showIcon
                  role="alert"
                  title={t('import.hasErrors', { n: check.rejected })}
                  style={{ marginBottom: 12 }}
                />
                <Table
                  rowKey={(e) => `${e.line}-${e.column}-${e.message}`}
                  size="small"
                  dataSource={check.errors}
                  pagination={check.errors.length > 20 ? { pageSize: 20 } : false}
                  columns={[
                    { key: 'line', title: t('import.line'), dataIndex: 'line', width: 80 },
                    { key: 'column', title: t('import.column'), dataIndex: 'column', width: 180 },
                    { key: 'value', title: t('import.value'), dataIndex: 'value', width: 200 },
                    { key: 'message', title: t('import.message'), dataIndex: 'message' },
                  ]}
                />
                {check.errorsTruncated && <Typography.Text type="secondary">{t('import.truncated')}</Typography.Text>}
                <Space style={{ marginTop: 12 }} wrap>
                  {check.rejectedFile && (
                    <Button icon={<DownloadOutlined />} href={`/api/v1/imports/${check.id}/rejected`}>
                      {t('import.downloadRejected')}
                    </Button>
                  )}
                  <Button type="primary" onClick={restart}>
                    {t('import.fixAndRetry')}
                  </Button>
                  {check.inserted + check.updated > 0 && (
                    <Button disabled={progress !== null} onClick={() => file && send('partial', file)}>
                      {t('import.importGoodOnly', { n: check.inserted + check.updated })}
                    </Button>
                  )}
                </Space>
              </>
            ) : (
              <Space wrap>
                <Alert type="success" showIcon title={check.inserted + check.updated > 0 ? t('import.allGood') : t('import.nothingToDo')} />
                {check.inserted + check.updated > 0 && (
                  <Button
                    type="primary"
                    icon={<CheckCircleOutlined />}
                    disabled={progress !== null}
                    onClick={() => file && send('all', file)}
                  >
                    {t('import.confirm')}
                  </Button>
                )}
                <Button onClick={restart}>{t('import.again')}</Button>
              </Space>
            )}
          </div>
        )}
        {result && (
          <Result
            status={result.written ? 'success' : 'info'}
            title={result.written ? t('import.doneTitle') : t('import.nothingWritten')}
            subTitle={t('import.doneSummary', {
              inserted: result.inserted.toLocaleString(lang),
              updated: result.updated.toLocaleString(lang),
              unchanged: result.unchanged.toLocaleString(lang),
              rejected: result.rejected.toLocaleString(lang),
            })}
            extra={[
              <Link key="list" to="/enterprises">
                <Button type="primary">{t('import.toArchive')}</Button>
              </Link>,
              <Button key="again" onClick={restart}>
                {t('import.again')}
              </Button>,
            ]}
          />
        )}
      </Card>
    </>
  );
}
