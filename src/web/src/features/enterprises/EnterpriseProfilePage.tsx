import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Result, Skeleton, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useParams } from 'react-router';
import type { AuditEvent } from '../../../../contract/schemas/audit';
import { ENTERPRISE_FLAGS } from '../../../../contract/schemas/enterprises';
import type { RecordItem } from '../../../../contract/schemas/records';
import { useReferenceNames } from '../../api/reference';
import { useCan } from '../../api/session';
import { errorMessage } from '../../components/ErrorText';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n';
import { EnterpriseFormModal } from './EnterpriseFormModal';
import { actionLabel, enumKey, formatDate, formatInstant } from './labels';
import { HonoursTable } from '../brands/HonoursTable';
import { CreditListingsTab } from './CreditListingsTab';
import { ProposalsTab } from './ProposalsTab';
import { RecordTable } from './RecordTable';
import { getEnterpriseHistory, getEnterpriseProfile, type EnterpriseProfile } from './api';

const YearlyChart = lazy(() => import('./YearlyChart'));

type Item = RecordItem & Record<string, unknown>;

/** 企业画像: the header, then a tab per kind of record, and the record's change history. */
export function EnterpriseProfilePage() {
  const can = useCan();
  const { id } = useParams<{ id: string }>();
  const { t, tx, lang } = useI18n();
  const [editing, setEditing] = useState(false);
  const [tab, setTab] = useState('basic');
  const profile = useQuery({ queryKey: ['enterprise', id, 'profile'], queryFn: () => getEnterpriseProfile(id!) });
  const history = useQuery({
    queryKey: ['enterprise', id, 'history'],
    queryFn: () => getEnterpriseHistory(id!),
    enabled: tab === 'history',
  });
  const regionName = useReferenceNames('regions', lang);
  const industryName = useReferenceNames('industries', lang);

  if (profile.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (profile.isError)
    return (
      <Result
        status="warning"
        title={errorMessage(profile.error, t)}
        extra={<Button onClick={() => profile.refetch()}>{t('common.retry')}</Button>}
      />
    );
  const p = profile.data;
  const e = p.enterprise;
  const mayWrite = e.abilities.update;
  const records = (kind: Parameters<typeof RecordTable>[0]['kind'], items: Item[], extra?: Partial<Parameters<typeof RecordTable>[0]>) => (
    <RecordTable kind={kind} enterpriseId={e.id} items={items} mayWrite={mayWrite} {...extra} />
  );
  const expiry = (item: Item) => (
    <Space size={4}>
      {item.expired ? <Tag color="red">{t('record.expired')}</Tag> : null}
      {item.renewalDue ? <Tag color="orange">{t('record.renewalDue')}</Tag> : null}
    </Space>
  );

  return (
    <>
      <PageHeader
        title={e.name}
        trail={[{ title: t('menu.enterprises'), to: '/enterprises' }, { title: e.name }]}
        extra={
          mayWrite && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('enterprise.edit')}
            </Button>
          )
        }
      />
      <Card size="small">
        <Space wrap size={[8, 8]}>
          <Typography.Text copyable>{e.uscc}</Typography.Text>
          <Tag>{regionName(e.regionCode)}</Tag>
          <Tag>{industryName(e.industryCode)}</Tag>
          <Tag
            color={e.status === 'operating' ? 'green' : e.status === 'suspended' ? 'orange' : e.status === 'revoked' ? 'red' : 'default'}
          >
            {tx(enumKey('status', e.status))}
          </Tag>
          {ENTERPRISE_FLAGS.filter((f) => e[f]).map((f) => (
            <Tag key={f} color="blue">
              {t(`enterprise.${f}`)}
            </Tag>
          ))}
          {e.agriLeaderLevel !== 'none' && <Tag color="gold">{tx(enumKey('agri', e.agriLeaderLevel))}</Tag>}
        </Space>
      </Card>
      <Card size="small" style={{ marginTop: 16 }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'basic',
              label: t('profile.basic'),
              children: (
                <>
                  <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }}>
                    <Descriptions.Item label={t('enterprise.uscc')}>{e.uscc}</Descriptions.Item>
                    <Descriptions.Item label={t('enterprise.region')}>{regionName(e.regionCode)}</Descriptions.Item>
                    <Descriptions.Item label={t('enterprise.industry')}>{industryName(e.industryCode)}</Descriptions.Item>
                    <Descriptions.Item label={t('enterprise.address')}>{e.address}</Descriptions.Item>
                    <Descriptions.Item label={t('enterprise.legalRepresentative')}>{e.legalRepresentative}</Descriptions.Item>
                    <Descriptions.Item label={t('enterprise.contactPerson')}>{e.contactPerson}</Descriptions.Item>
                    <Descriptions.Item label={t('enterprise.contactPhone')}>{e.contactPhone}</Descriptions.Item>
                    <Descriptions.Item label={t('enterprise.foundedOn')}>{formatDate(e.foundedOn, lang)}</Descriptions.Item>
                    {e.status === 'deregistered' && (
                      <Descriptions.Item label={t('enterprise.deregisteredOn')}>{formatDate(e.deregisteredOn, lang)}</Descriptions.Item>
                    )}
                    <Descriptions.Item label={t('enterprise.updatedAt')}>{formatInstant(e.updatedAt, lang)}</Descriptions.Item>
                    {e.usccOverrideReason && (
                      <Descriptions.Item label={t('enterprise.usccOverrideReason')}>{e.usccOverrideReason}</Descriptions.Item>
                    )}
                  </Descriptions>
                  <Typography.Title level={5} style={{ marginTop: 24 }}>
                    {t('record.former-names')}
                  </Typography.Title>
                  {records('former-names', p.formerNames)}
                  <Typography.Title level={5} style={{ marginTop: 24 }}>
                    {t('record.associations')}
                  </Typography.Title>
                  {records('associations', p.associations)}
                </>
              ),
            },
            {
              key: 'products',
              label: `${t('profile.products')} (${p.products.length})`,
              children: records('products', p.products, {
                expandable: (product) => (
                  <div style={{ padding: '4px 0' }}>
                    <Typography.Text strong>{t('record.standards')}</Typography.Text>
                    <RecordTable
                      kind="standards"
                      enterpriseId={e.id}
                      productId={product.id}
                      items={(product as EnterpriseProfile['products'][number]).standards}
                      mayWrite={mayWrite}
                    />
                  </div>
                ),
              }),
            },
            {
              key: 'certifications',
              label: `${t('profile.certifications')} (${p.certifications.length})`,
              children: records('certifications', p.certifications, {
                extraColumns: [{ key: 'expiry', title: t('record.validity'), render: (_, item) => expiry(item) }],
                products: p.products.map((x) => ({ id: x.id, name: x.name as string })),
              }),
            },
            {
              key: 'licences',
              label: `${t('profile.licences')} (${p.licences.length})`,
              children: records('licences', p.licences, {
                extraColumns: [{ key: 'expiry', title: t('record.validity'), render: (_, item) => expiry(item) }],
              }),
            },
            {
              key: 'yearly',
              label: t('profile.yearly'),
              children: (
                <>
                  {p.yearlyFigures.length > 0 && (
                    <Suspense fallback={<Spin />}>
                      <YearlyChart points={p.yearlyFigures as never} />
                    </Suspense>
                  )}
                  {records('yearly-figures', p.yearlyFigures)}
                </>
              ),
            },
            {
              key: 'staff',
              label: `${t('profile.staff')} (${p.qualityStaff.length})`,
              children: records('quality-staff', p.qualityStaff, {
                extraColumns: [
                  {
                    key: 'trainings',
                    title: t('field.quality-staff.trainings'),
                    render: (_, item) => (item.trainings as unknown[]).length,
                  },
                ],
              }),
            },
            {
              key: 'proposals',
              label: t('profile.proposals'),
              children: <ProposalsTab enterprise={e} mayPropose={can('enterprise.propose')} />,
            },
            { key: 'credit', label: t('credit.tab'), children: <CreditListingsTab enterpriseId={e.id} mayWrite={mayWrite} /> },
            ...(can('brand.read')
              ? [
                  {
                    key: 'honours',
                    label: t('honour.tab'),
                    children: <HonoursTable filter={{ enterpriseId: e.id }} showEnterprise={false} />,
                  },
                ]
              : []),
            {
              key: 'history',
              label: t('profile.history'),
              children: (
                <Table<AuditEvent>
                  rowKey="id"
                  size="small"
                  loading={history.isPending}
                  dataSource={history.data?.items ?? []}
                  pagination={{ pageSize: 20 }}
                  expandable={{ expandedRowRender: (ev) => <Changes before={ev.before} after={ev.after} /> }}
                  columns={[
                    { key: 'at', title: t('audit.at'), dataIndex: 'at', width: 170, render: (v: string) => formatInstant(v, lang) },
                    { key: 'actor', title: t('audit.actor'), dataIndex: 'actorName', width: 120 },
                    {
                      key: 'action',
                      title: t('audit.action'),
                      dataIndex: 'action',
                      render: (a: string, ev) => `${actionLabel(a, t)} · ${tx(`record.${ev.subjectType}`)}`,
                    },
                  ]}
                />
              ),
            },
          ]}
        />
      </Card>
      {editing && <EnterpriseFormModal enterprise={e} onClose={() => setEditing(false)} />}
    </>
  );
}

/** The fields an audit event changed: before → after. */
export function Changes({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useI18n();
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) => !['updatedAt', 'version', 'createdAt'].includes(k) && JSON.stringify(b[k]) !== JSON.stringify(a[k]),
  );
  if (keys.length === 0) return <Typography.Text type="secondary">{t('audit.noFieldChanges')}</Typography.Text>;
  const show = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));
  return (
    <Descriptions size="small" column={1} bordered>
      {keys.map((k) => (
        <Descriptions.Item key={k} label={k}>
          <Typography.Text delete type="secondary">
            {show(b[k])}
          </Typography.Text>{' '}
          → <Typography.Text>{show(a[k])}</Typography.Text>
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}
