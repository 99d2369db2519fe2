import { Table, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { usePlanResultImports } from './resultImportApi';

/** The result tables imported into a plan, each with the notice it came from and the notice's own totals. */
export function PlanResultImports({ planId }: { planId: string }) {
  const { t } = useI18n();
  const imports = usePlanResultImports(planId).data ?? [];
  if (!imports.length) return null;
  return (
    <div style={{ marginTop: 8 }}>
      <Typography.Text strong>{t('resultImport.history')}</Typography.Text>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={imports}
        columns={[
          {
            key: 'notice',
            title: t('resultImport.noticeTitle'),
            render: (_, r) => (
              <>
                {r.noticeTitle || r.fileName}
                {r.noticeNo && <Typography.Text type="secondary">（{r.noticeNo}）</Typography.Text>}
              </>
            ),
          },
          { key: 'issuer', title: t('resultImport.issuer'), dataIndex: 'issuer' },
          { key: 'date', title: t('resultImport.noticeDate'), dataIndex: 'noticeDate' },
          { key: 'kind', title: t('resultImport.kind'), render: (_, r) => <Tag>{t(`resultImport.kind.${r.kind}`)}</Tag> },
          { key: 'year', title: t('resultImport.countYear'), dataIndex: 'year', width: 90 },
          { key: 'tested', title: t('resultImport.tested'), align: 'right', render: (_, r) => r.declaredTested ?? '—' },
          {
            key: 'listed',
            title: t('resultImport.count.batches'),
            align: 'right',
            render: (_, r) => r.listedBatches + r.unlistedQualified,
          },
        ]}
      />
    </div>
  );
}
