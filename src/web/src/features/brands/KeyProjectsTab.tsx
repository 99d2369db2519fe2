import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Popconfirm, Select, Space, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { KEY_PROJECT_STATUSES, type CreateKeyProject, type KeyProject, type KeyProjectQuery } from '../../../../contract/schemas/industry';
import { LIMITS } from '../../../../contract/limits';
import { queryString } from '../../api/client';
import { useReference, useReferenceNames } from '../../api/reference';
import { EnterprisePicker } from '../../components/EnterprisePicker';
import { ErrorAlert } from '../../components/ErrorText';
import { filledValues } from '../../components/formValues';
import { FormModal } from '../../components/FormModal';
import { TextModal } from '../../components/TextModal';
import { useAction } from '../../components/useAction';
import { useI18n } from '../../i18n';
import { useJurisdiction } from '../../api/session';
import { createKeyProject, deleteKeyProject, listKeyProjects, selectKeyProject, updateKeyProject } from './api';

const yuan = (n: number) => n.toLocaleString('zh-CN');
const STATUS_COLOR: Record<string, string> = { planned: 'default', under_way: 'blue', completed: 'green', cancelled: 'red' };

/** 技改项目: the projects counties and the city record, and the city's yearly selection of key projects. */
export function KeyProjectsTab({ mayWrite }: { mayWrite: boolean }) {
  const { t, tx, lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const regions = useReference('regions').data ?? [];
  const { units } = useJurisdiction();
  const regionName = useReferenceNames('regions', lang);
  const [filter, setFilter] = useState<KeyProjectQuery>({ year: new Date().getFullYear() });
  const [editing, setEditing] = useState<KeyProject | 'new' | null>(null);
  const [deleting, setDeleting] = useState<KeyProject | null>(null);
  const list = useQuery({ queryKey: ['key-projects', filter], queryFn: () => listKeyProjects(filter) });
  const refresh = () => client.invalidateQueries({ queryKey: ['key-projects'] });
  const act = useAction(refresh);
  const select = (p: KeyProject, selected: boolean) =>
    act(() => selectKeyProject(p.id, { selected, on: new Date().toISOString().slice(0, 10), version: p.version }));
  const totals = list.data?.totals;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <InputNumber
          aria-label={t('inspection.year')}
          placeholder={t('inspection.year')}
          min={2000}
          max={2100}
          value={filter.year}
          onChange={(year) => setFilter({ ...filter, year: year ?? undefined })}
        />
        <Select
          aria-label={t('enterprise.region')}
          placeholder={t('enterprise.region')}
          allowClear
          style={{ width: 130 }}
          value={filter.regionCode}
          onChange={(regionCode) => setFilter({ ...filter, regionCode })}
          options={regions.filter((r) => units.includes(r.code)).map((r) => ({ value: r.code, label: regionName(r.code) }))}
        />
        <Select
          aria-label={t('project.status')}
          placeholder={t('project.status')}
          allowClear
          style={{ width: 110 }}
          value={filter.status}
          onChange={(status) => setFilter({ ...filter, status })}
          options={KEY_PROJECT_STATUSES.map((s) => ({ value: s, label: t(`project.status.${s}`) }))}
        />
        <Select
          aria-label={t('project.selected')}
          placeholder={t('project.selected')}
          allowClear
          style={{ width: 150 }}
          value={filter.selected}
          onChange={(selected) => setFilter({ ...filter, selected })}
          options={[
            { value: true, label: t('project.onlySelected') },
            { value: false, label: t('project.notSelected') },
          ]}
        />
        <Button href={`/api/v1/key-projects/export${queryString({ ...filter, selected: true, format: 'xlsx' })}`}>
          {t('project.exportSelected')}
        </Button>
        {mayWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('project.add')}
          </Button>
        )}
      </Space>
      {totals && (
        <Space size="large" style={{ marginBottom: 12 }}>
          <Statistic title={t('project.count')} value={totals.all.projects} />
          <Statistic title={t('project.investment')} value={yuan(totals.all.investment)} />
          <Statistic title={t('project.selectedCount')} value={totals.selected.projects} />
          <Statistic title={t('project.selectedInvestment')} value={yuan(totals.selected.investment)} />
        </Space>
      )}
      {list.error && <ErrorAlert error={list.error} />}
      <Table<KeyProject>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1000 }}
        locale={{ emptyText: t('project.empty') }}
        columns={[
          { key: 'year', title: t('inspection.year'), dataIndex: 'year', width: 70 },
          { key: 'region', title: t('enterprise.region'), dataIndex: 'regionCode', width: 90, render: (c: string) => regionName(c) },
          { key: 'enterprise', title: t('honour.enterprise'), dataIndex: 'enterpriseName' },
          { key: 'name', title: t('project.name'), dataIndex: 'name' },
          { key: 'investment', title: t('project.investmentYuan'), dataIndex: 'investment', align: 'right', render: yuan },
          {
            key: 'status',
            title: t('project.status'),
            dataIndex: 'status',
            width: 80,
            render: (s: string) => <Tag color={STATUS_COLOR[s]}>{tx(`project.status.${s}`)}</Tag>,
          },
          {
            key: 'selected',
            title: t('project.selected'),
            dataIndex: 'selected',
            width: 100,
            render: (v: boolean) => (v ? <Tag color="gold">{t('project.key')}</Tag> : '—'),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            width: 230,
            render: (_, p) => (
              <Space>
                {p.abilities.select && (
                  <Popconfirm title={t(p.selected ? 'project.unselect' : 'project.select')} onConfirm={() => select(p, !p.selected)}>
                    <Button size="small" type={p.selected ? 'default' : 'primary'}>
                      {t(p.selected ? 'project.unselect' : 'project.select')}
                    </Button>
                  </Popconfirm>
                )}
                {p.abilities.update && (
                  <Button size="small" onClick={() => setEditing(p)}>
                    {t('common.edit')}
                  </Button>
                )}
                {p.abilities.update && (
                  <Button size="small" danger onClick={() => setDeleting(p)}>
                    {t('common.delete')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <FormModal<CreateKeyProject>
          title={editing === 'new' ? t('project.add') : `${t('common.edit')} · ${editing.name}`}
          initialValues={editing === 'new' ? { year: filter.year ?? new Date().getFullYear(), status: 'planned' } : editing}
          onClose={() => setEditing(null)}
          onSubmit={async (v) => {
            if (editing === 'new') await createKeyProject(filledValues(v));
            else
              await updateKeyProject(editing.id, {
                name: v.name,
                investment: v.investment,
                status: v.status,
                notes: v.notes ?? '',
                version: editing.version,
              });
            message.success(t('common.saved'));
            await refresh();
          }}
        >
          {editing === 'new' && (
            <>
              <Form.Item name="enterpriseId" label={t('honour.enterprise')} rules={[{ required: true, message: t('form.required') }]}>
                <EnterprisePicker />
              </Form.Item>
              <Form.Item name="year" label={t('inspection.year')} rules={[{ required: true, message: t('form.required') }]}>
                <InputNumber min={2000} max={2100} precision={0} />
              </Form.Item>
            </>
          )}
          <Form.Item
            name="name"
            label={t('project.name')}
            rules={[
              { required: true, message: t('form.required') },
              { min: 2, max: LIMITS.name.max },
            ]}
          >
            <Input maxLength={LIMITS.name.max} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="investment" label={t('project.investmentYuan')} rules={[{ required: true, message: t('form.required') }]}>
              <InputNumber min={0} max={10 ** 13} precision={0} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="status" label={t('project.status')}>
              <Select style={{ width: 120 }} options={KEY_PROJECT_STATUSES.map((s) => ({ value: s, label: t(`project.status.${s}`) }))} />
            </Form.Item>
          </Space>
          <Form.Item name="notes" label={t('cultivation.note')} rules={[{ max: LIMITS.reason.max }]}>
            <Input.TextArea rows={2} maxLength={LIMITS.reason.max} />
          </Form.Item>
        </FormModal>
      )}
      {deleting && (
        <TextModal
          title={`${t('common.delete')} · ${deleting.name}`}
          label={t('record.deleteReason')}
          min={LIMITS.reason.min}
          max={LIMITS.reason.max}
          okText={t('common.delete')}
          onClose={() => setDeleting(null)}
          onSubmit={async (reason) => {
            await deleteKeyProject(deleting.id, { reason, version: deleting.version });
            message.success(t('common.saved'));
            await refresh();
          }}
        />
      )}
    </>
  );
}
