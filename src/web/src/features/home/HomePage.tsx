import { useQuery } from '@tanstack/react-query';
import { Button, Card, Result, Skeleton, Table, Tag, Typography } from 'antd';
import type { Region } from '../../../../contract/schemas/reference';
import { api } from '../../api/client';
import { useSession } from '../../api/session';
import { errorMessage } from '../../components/ErrorText';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/zh-CN';

export function HomePage() {
  const { t } = useI18n();
  const session = useSession();
  const regions = useQuery({
    queryKey: ['reference', 'regions'],
    queryFn: () => api<{ items: Region[] }>('GET', '/reference/regions'),
  });
  const user = session.data?.user;

  return (
    <>
      <Typography.Title level={4}>
        {t('home.welcome', { name: user?.displayName ?? '' })}
        {user && <Tag style={{ marginLeft: 12 }}>{t(`role.${user.role}` as MessageKey)}</Tag>}
      </Typography.Title>
      <Card title={t('home.regions')} extra={<Typography.Text type="secondary">{t('home.regionsHint')}</Typography.Text>}>
        {regions.isPending ? (
          <Skeleton active />
        ) : regions.isError ? (
          <Result
            status="warning"
            title={errorMessage(regions.error, t)}
            extra={<Button onClick={() => regions.refetch()}>{t('common.retry')}</Button>}
          />
        ) : (
          <Table<Region>
            rowKey="code"
            size="middle"
            pagination={false}
            dataSource={regions.data.items.filter((r) => r.level !== 'province')}
            locale={{ emptyText: t('common.empty') }}
            columns={[
              { title: t('region.code'), dataIndex: 'code', width: 120 },
              { title: t('region.name'), dataIndex: 'name' },
              { title: t('region.level'), dataIndex: 'level', render: (level: string) => t(`region.level.${level}` as MessageKey) },
            ]}
          />
        )}
      </Card>
    </>
  );
}
