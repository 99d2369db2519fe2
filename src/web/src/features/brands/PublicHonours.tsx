import { useQuery } from '@tanstack/react-query';
import { Table } from 'antd';
import type { Static } from 'typebox';
import type { PublicHonour } from '../../../../contract/schemas/brands';
import { ErrorAlert } from '../../components/ErrorText';
import { useI18n } from '../../i18n';
import { formatDate } from '../enterprises/labels';
import { listPublicHonours } from './api';

type Row = Static<typeof PublicHonour>;

/** Honours in force whose programme may show a badge, for anyone (never a 驰名商标 recognition). */
export function PublicHonours() {
  const { t, lang } = useI18n();
  const list = useQuery({ queryKey: ['public-honours'], queryFn: listPublicHonours });
  return (
    <>
      {list.error && <ErrorAlert error={list.error} />}
      <Table<Row>
        rowKey={(r) => `${r.programme}-${r.enterpriseName}-${r.title}-${r.grantedOn}`}
        size="middle"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 800 }}
        locale={{ emptyText: t('honour.empty') }}
        columns={[
          { key: 'programme', title: t('honour.programme'), dataIndex: 'programme' },
          { key: 'enterprise', title: t('honour.enterprise'), dataIndex: 'enterpriseName' },
          { key: 'title', title: t('honour.title'), dataIndex: 'title' },
          { key: 'granted', title: t('honour.grantedOn'), dataIndex: 'grantedOn', render: (v: string) => formatDate(v, lang) },
          {
            key: 'valid',
            title: t('honour.validUntil'),
            dataIndex: 'validUntil',
            render: (v: string | null) => (v ? formatDate(v, lang) : t('programme.noExpiry')),
          },
        ]}
      />
    </>
  );
}
