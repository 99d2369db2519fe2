import { FileAddOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Input, Result, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { Region } from '../../../../contract/schemas/reference';
import { useCan, useSession } from '../../api/session';
import { errorMessage } from '../../components/ErrorText';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { getWorkbench } from '../enterprises/api';
import { listRegions } from '../../api/reference';

/** The workbench: the figures of the user's scope, each a link to the list behind it, and shortcuts. */
export function HomePage() {
  const can = useCan();
  const { t, tx, lang } = useI18n();
  const navigate = useNavigate();
  const session = useSession();
  const user = session.data?.user;
  const figures = useQuery({ queryKey: ['workbench'], queryFn: getWorkbench });
  const regions = useQuery({
    enabled: !!user,
    queryKey: ['reference', 'regions', 'home'],
    queryFn: listRegions,
  });
  const mayWrite = can('enterprise.write');
  // The county list leads into other counties' archives: only for the city-wide roles.
  const cityWide = user?.abilities.cityWide ?? false;

  const stat = (key: MessageKey, value: number | undefined, to: string) => (
    <Col xs={24} sm={12} xl={6}>
      <Link to={to} aria-label={t(key)}>
        <Card hoverable size="small">
          <Statistic title={t(key)} value={value ?? 0} loading={figures.isPending} />
        </Card>
      </Link>
    </Col>
  );

  return (
    <>
      <Typography.Title level={4}>
        {t('home.welcome', { name: user?.displayName ?? '' })}
        {user && <Tag style={{ marginLeft: 12 }}>{t(`role.${user.role}`)}</Tag>}
      </Typography.Title>
      {figures.isError && <Result status="warning" title={errorMessage(figures.error, t)} />}
      <Row gutter={[16, 16]}>
        {stat('home.enterprises', figures.data?.enterprises, '/enterprises')}
        {stat('home.products', figures.data?.products, '/enterprises')}
        {stat('home.certificationsExpiring', figures.data?.certificationsExpiring, '/enterprises?certificationExpiringWithinDays=90')}
        {stat('home.licencesRenewalDue', figures.data?.licencesRenewalDue, '/enterprises?licenceExpiringWithinDays=183')}
      </Row>
      <Card title={t('home.shortcuts')} size="small" style={{ marginTop: 16 }}>
        <Row gutter={[16, 12]} align="middle">
          <Col xs={24} md={12}>
            <Input.Search
              placeholder={t('enterprise.searchPlaceholder')}
              aria-label={t('enterprise.search')}
              enterButton={<SearchOutlined />}
              onSearch={(q) => navigate(`/enterprises?q=${encodeURIComponent(q)}`)}
            />
          </Col>
          {mayWrite && (
            <Col>
              <Button icon={<FileAddOutlined />} onClick={() => navigate('/enterprises?new=1')}>
                {t('enterprise.new')}
              </Button>
            </Col>
          )}
          {mayWrite && (
            <Col>
              <Button icon={<UploadOutlined />} onClick={() => navigate('/import')}>
                {t('menu.import')}
              </Button>
            </Col>
          )}
        </Row>
      </Card>
      {cityWide && (
        <Card
          title={t('home.regions')}
          extra={<Typography.Text type="secondary">{t('home.regionsHint')}</Typography.Text>}
          style={{ marginTop: 16 }}
        >
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
              size="small"
              pagination={false}
              dataSource={regions.data.items.filter((r) => r.level !== 'province')}
              locale={{ emptyText: t('common.empty') }}
              columns={[
                { title: t('region.code'), dataIndex: 'code', width: 120 },
                {
                  title: t('region.name'),
                  dataIndex: 'name',
                  render: (name: string, r) => (
                    <Link to={r.level === 'city' ? '/enterprises' : `/enterprises?regionCode=${r.code}`}>
                      {lang === 'en-US' ? r.nameEn || name : name}
                    </Link>
                  ),
                },
                { title: t('region.level'), dataIndex: 'level', render: (level: string) => tx(`region.level.${level}`) },
              ]}
            />
          )}
        </Card>
      )}
    </>
  );
}
