import { DownloadOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Col, Dropdown, Form, Input, Pagination, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  AGRI_LEADER_LEVELS,
  ENTERPRISE_FLAGS,
  ENTERPRISE_STATUSES,
  MAX_LIST_OFFSET,
  type Enterprise,
} from '../../../../contract/schemas/enterprises';
import { CERTIFICATION_KINDS } from '../../../../contract/schemas/records';
import { queryString } from '../../api/client';
import { isPlace, useReference, useReferenceNames } from '../../api/reference';
import { useCan, useSession } from '../../api/session';
import { ErrorAlert } from '../../components/ErrorText';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n';
import { EnterpriseFormModal } from './EnterpriseFormModal';
import { enumKey, formatInstant } from './labels';
import { listEnterprises } from './api';

const FILTER_KEYS = [
  'q',
  'regionCode',
  'industryCode',
  'status',
  'agriLeaderLevel',
  'hasCertification',
  'licenceExpiringWithinDays',
  'certificationExpiringWithinDays',
  'sort',
  ...ENTERPRISE_FLAGS,
] as const;
const COLUMN_KEYS = ['uscc', 'region', 'industry', 'status', 'flags', 'legalRepresentative', 'contactPhone', 'updatedAt'] as const;
const HIDDEN_BY_DEFAULT = ['legalRepresentative', 'contactPhone'];
const COLUMNS_STORAGE = 'qc.enterpriseColumns';

/** 企业档案: filter form, instant search, sortable table with numbered pages (jump to any), column chooser, export, new. */
export function EnterpriseListPage() {
  const can = useCan();
  const { t, tx, lang } = useI18n();
  const user = useSession().data?.user;
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
  const [search, setSearch] = useState(filters.q ?? '');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [creating, setCreating] = useState(params.get('new') === '1');
  const [visible, setVisible] = useState<string[]>(() => {
    const saved = localStorage.getItem(COLUMNS_STORAGE);
    return saved ? (JSON.parse(saved) as string[]) : COLUMN_KEYS.filter((k) => !HIDDEN_BY_DEFAULT.includes(k));
  });
  const regionName = useReferenceNames('regions', lang);
  const industryName = useReferenceNames('industries', lang);
  const regions = useReference('regions').data;
  const industries = useReference('industries').data;
  const county = user?.role === 'county_officer' ? user.regionCode : null;
  const mayWrite = can('enterprise.write');

  const setFilter = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, value);
    next.delete('new');
    setParams(next, { replace: true });
  };
  const filterKey = JSON.stringify(filters);
  // A new filter or page size starts at page one: adjusted while rendering, as React advises, not in an effect.
  const [pagedFor, setPagedFor] = useState(`${filterKey}|${pageSize}`);
  if (pagedFor !== `${filterKey}|${pageSize}`) {
    setPagedFor(`${filterKey}|${pageSize}`);
    setPage(1);
  }
  // Instant search: the query follows the box 300 ms after typing stops, from 2 characters;
  // one character is too short to search (the box says so) and leaves the list as it was.
  const tooShort = [...search.trim()].length === 1;
  useEffect(() => {
    const handle = setTimeout(() => {
      const q = search.trim();
      if (q === (filters.q ?? '') || [...q].length === 1) return;
      setFilter('q', q);
    }, 300);
    return () => clearTimeout(handle);
  }, [search]); // eslint-disable-line react-hooks/exhaustive-deps

  // Pages are numbered: a jump is an offset, which the API takes up to its search count cap.
  const offset = Math.min((page - 1) * pageSize, MAX_LIST_OFFSET);
  const list = useQuery({
    queryKey: ['enterprises', filterKey, offset, pageSize],
    queryFn: () => listEnterprises({ ...filters, offset: offset || undefined, limit: pageSize }),
    placeholderData: keepPreviousData,
  });
  const total = list.data?.meta.total ?? 0;

  const flagTags = (e: Enterprise) =>
    ENTERPRISE_FLAGS.filter((f) => e[f]).map((f) => (
      <Tag key={f} color="blue">
        {t(`enterprise.${f}`)}
      </Tag>
    ));
  const sortOrder = (column: string) => (filters.sort === column ? 'ascend' : filters.sort === `-${column}` ? 'descend' : null);
  const allColumns: ColumnsType<Enterprise> = [
    {
      key: 'name',
      title: t('enterprise.name'),
      dataIndex: 'name',
      sorter: !filters.q,
      sortOrder: sortOrder('name'),
      render: (name: string, e) => <Link to={`/enterprises/${e.id}`}>{name}</Link>,
    },
    { key: 'uscc', title: t('enterprise.uscc'), dataIndex: 'uscc', sorter: !filters.q, sortOrder: sortOrder('uscc'), width: 190 },
    { key: 'region', title: t('enterprise.region'), dataIndex: 'regionCode', render: regionName, width: 100 },
    { key: 'industry', title: t('enterprise.industry'), dataIndex: 'industryCode', render: industryName, width: 120 },
    {
      key: 'status',
      title: t('enterprise.status'),
      dataIndex: 'status',
      width: 80,
      render: (s: string) => (
        <Tag color={s === 'operating' ? 'green' : s === 'suspended' ? 'orange' : s === 'revoked' ? 'red' : 'default'}>
          {tx(enumKey('status', s))}
        </Tag>
      ),
    },
    { key: 'flags', title: t('enterprise.flags'), render: (_, e) => flagTags(e) },
    { key: 'legalRepresentative', title: t('enterprise.legalRepresentative'), dataIndex: 'legalRepresentative', width: 100 },
    { key: 'contactPhone', title: t('enterprise.contactPhone'), dataIndex: 'contactPhone', width: 130 },
    {
      key: 'updatedAt',
      title: t('enterprise.updatedAt'),
      dataIndex: 'updatedAt',
      sorter: !filters.q,
      sortOrder: sortOrder('updatedAt'),
      width: 150,
      render: (v: string) => formatInstant(v, lang),
    },
  ];
  const columns = allColumns.filter((c) => c.key === 'name' || visible.includes(String(c.key)));
  const exportHref = (format: 'xlsx' | 'csv') => {
    const { sort: _sort, ...exportFilters } = filters;
    return `/api/v1/exports/enterprises${queryString({ ...exportFilters, format })}`;
  };
  const options = useMemo(
    () => ({
      regions: (regions ?? []).filter(isPlace).map((r) => ({ value: r.code, label: lang === 'en-US' ? r.nameEn : r.name })),
      industries: (industries ?? []).map((i) => ({ value: i.code, label: lang === 'en-US' ? i.nameEn : i.name })),
    }),
    [regions, industries, lang],
  );

  return (
    <>
      <PageHeader
        title={t('menu.enterprises')}
        trail={[{ title: t('menu.enterprises') }]}
        extra={
          <>
            <Button icon={<DownloadOutlined />} href={exportHref('xlsx')}>
              {t('enterprise.exportXlsx')}
            </Button>
            <Button icon={<DownloadOutlined />} href={exportHref('csv')}>
              {t('enterprise.exportCsv')}
            </Button>
            {mayWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('enterprise.new')}
              </Button>
            )}
          </>
        }
      />
      <Card size="small" className="filter-card">
        <Form layout="vertical" component="div">
          <Row gutter={16}>
            <Col xs={24} md={12} xl={8}>
              <Form.Item
                label={t('enterprise.search')}
                htmlFor="enterprise-search"
                validateStatus={tooShort ? 'warning' : undefined}
                help={tooShort ? t('enterprise.searchTooShort') : undefined}
              >
                <Input.Search
                  id="enterprise-search"
                  allowClear
                  placeholder={t('enterprise.searchPlaceholder')}
                  value={search}
                  onChange={(e) => setSearch(e.target.value)}
                  onSearch={(q) => [...q.trim()].length !== 1 && setFilter('q', q.trim())}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} xl={4}>
              <Form.Item label={t('enterprise.region')} htmlFor="filter-region">
                {county ? (
                  <Tag color="geekblue">{regionName(county)}</Tag>
                ) : (
                  <Select
                    id="filter-region"
                    allowClear
                    showSearch
                    optionFilterProp="label"
                    options={options.regions}
                    value={filters.regionCode}
                    onChange={(v) => setFilter('regionCode', v)}
                    placeholder={t('common.all')}
                  />
                )}
              </Form.Item>
            </Col>
            <Col xs={12} md={6} xl={4}>
              <Form.Item label={t('enterprise.industry')} htmlFor="filter-industry">
                <Select
                  id="filter-industry"
                  allowClear
                  options={options.industries}
                  value={filters.industryCode}
                  onChange={(v) => setFilter('industryCode', v)}
                  placeholder={t('common.all')}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} xl={4}>
              <Form.Item label={t('enterprise.status')} htmlFor="filter-status">
                <Select
                  id="filter-status"
                  allowClear
                  options={ENTERPRISE_STATUSES.map((s) => ({ value: s, label: tx(enumKey('status', s)) }))}
                  value={filters.status}
                  onChange={(v) => setFilter('status', v)}
                  placeholder={t('common.all')}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} xl={4}>
              <Form.Item label={t('enterprise.hasCertification')} htmlFor="filter-cert">
                <Select
                  id="filter-cert"
                  allowClear
                  options={CERTIFICATION_KINDS.filter((k) => k !== 'OTHER').map((k) => ({ value: k, label: tx(enumKey('certKind', k)) }))}
                  value={filters.hasCertification}
                  onChange={(v) => setFilter('hasCertification', v)}
                  placeholder={t('common.all')}
                />
              </Form.Item>
            </Col>
          </Row>
          <Space wrap size={[16, 8]}>
            {ENTERPRISE_FLAGS.map((f) => (
              <Checkbox key={f} checked={filters[f] === 'true'} onChange={(e) => setFilter(f, e.target.checked ? 'true' : undefined)}>
                {t(`enterprise.${f}`)}
              </Checkbox>
            ))}
            <Select
              aria-label={t('enterprise.agriLeaderLevel')}
              style={{ minWidth: 160 }}
              allowClear
              placeholder={t('enterprise.agriLeaderLevel')}
              options={AGRI_LEADER_LEVELS.filter((l) => l !== 'none').map((l) => ({ value: l, label: tx(enumKey('agri', l)) }))}
              value={filters.agriLeaderLevel}
              onChange={(v) => setFilter('agriLeaderLevel', v)}
            />
            {filters.licenceExpiringWithinDays && (
              <Tag closable onClose={() => setFilter('licenceExpiringWithinDays', undefined)} color="orange">
                {t('enterprise.licenceExpiringFilter', { days: filters.licenceExpiringWithinDays })}
              </Tag>
            )}
            {filters.certificationExpiringWithinDays && (
              <Tag closable onClose={() => setFilter('certificationExpiringWithinDays', undefined)} color="orange">
                {t('enterprise.certificationExpiringFilter', { days: filters.certificationExpiringWithinDays })}
              </Tag>
            )}
            <Button
              type="link"
              onClick={() => {
                setSearch('');
                setParams(new URLSearchParams(), { replace: true });
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form>
      </Card>
      <Card
        size="small"
        style={{ marginTop: 16 }}
        title={
          <Typography.Text type="secondary" aria-live="polite">
            {t(list.data?.meta.totalCapped ? 'enterprise.totalCapped' : 'enterprise.total', { total: total.toLocaleString(lang) })}
          </Typography.Text>
        }
        extra={
          <Dropdown
            trigger={['click']}
            popupRender={() => (
              <Card size="small">
                <Checkbox.Group
                  style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
                  value={visible}
                  options={COLUMN_KEYS.map((k) => ({ value: k, label: String(allColumns.find((c) => c.key === k)?.title ?? k) }))}
                  onChange={(v) => {
                    setVisible(v as string[]);
                    localStorage.setItem(COLUMNS_STORAGE, JSON.stringify(v));
                  }}
                />
              </Card>
            )}
          >
            <Button icon={<SettingOutlined />}>{t('enterprise.columns')}</Button>
          </Dropdown>
        }
      >
        {list.isError && <ErrorAlert error={list.error} />}
        <Table<Enterprise>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          columns={columns}
          scroll={{ x: 900 }}
          pagination={false}
          locale={{ emptyText: filters.q ? t('enterprise.noMatch') : mayWrite ? t('enterprise.emptyWithAction') : t('common.empty') }}
          onChange={(_p, _f, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            setFilter('sort', s?.order ? `${s.order === 'descend' ? '-' : ''}${String(s.columnKey)}` : undefined);
          }}
        />
        <Pagination
          style={{ marginTop: 12, justifyContent: 'flex-end' }}
          current={page}
          pageSize={pageSize}
          total={Math.min(total, MAX_LIST_OFFSET + pageSize)}
          pageSizeOptions={[20, 50, 100]}
          showSizeChanger
          showQuickJumper
          showTotal={() => t('enterprise.pageCount', { pages: Math.ceil(total / pageSize).toLocaleString(lang) })}
          onChange={(next, size) => (size !== pageSize ? setPageSize(size) : setPage(next))}
        />
      </Card>
      {creating && <EnterpriseFormModal onClose={() => setCreating(false)} />}
    </>
  );
}
