import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { PLAN_LEVELS } from '../../../../contract/schemas/inspections';
import { useReference, useReferenceNames } from '../../api/reference';
import { useCan, useJurisdiction, useSession } from '../../api/session';
import { errorMessage, FormError } from '../../components/ErrorText';
import { showFieldErrors } from '../../components/formErrors';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n';
import { createInspectionPlan, createTestingBody, publishPlan, type Plan, usePlans, useTestingBodies } from './api';
import { levelKey } from './labels';
import { DrawHistory, DrawModal } from './DrawModal';
import { PlanResultImports } from './PlanResultImports';
import { ResultImportModal } from './ResultImportModal';

/** 抽查计划: plans and their category schemes, the random draw, publication, and the testing bodies. */
export function PlansPage() {
  const can = useCan();
  const { t, tx, lang } = useI18n();
  const { modal, message } = App.useApp();
  const client = useQueryClient();
  const plans = usePlans();
  const user = useSession().data?.user;
  const mayWrite = can('inspection.write');
  const cityWide = user?.abilities.registerTestingBodies ?? false;
  const categoryName = useReferenceNames('product-categories', lang);
  const departmentName = useReferenceNames('departments', lang);
  const [creating, setCreating] = useState(false);
  const [drawing, setDrawing] = useState<Plan | null>(null);
  const [importing, setImporting] = useState<Plan | null>(null);

  const publish = (plan: Plan) =>
    modal.confirm({
      title: t('inspection.publishConfirm', { title: plan.title }),
      content: t('inspection.publishHint'),
      onOk: async () => {
        try {
          const res = await publishPlan(plan.id);
          message.success(t('inspection.publishedCount', { published: res.published, held: res.held }));
          await client.invalidateQueries({ queryKey: ['inspections'] });
        } catch (err) {
          message.error(errorMessage(err, t));
        }
      },
    });

  return (
    <>
      <PageHeader
        title={t('inspection.plans')}
        trail={[{ title: t('menu.inspections'), to: '/inspections' }, { title: t('inspection.plans') }]}
        extra={
          mayWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('inspection.newPlan')}
            </Button>
          )
        }
      />
      <Card size="small">
        <Table<Plan>
          rowKey="id"
          size="middle"
          loading={plans.isPending}
          dataSource={plans.data ?? []}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('inspection.noPlans') }}
          expandable={{
            expandedRowRender: (p) => (
              <>
                <Space wrap style={{ marginBottom: 8 }}>
                  {p.categories.map((c) => (
                    <Tag key={c.categoryCode}>{`${categoryName(c.categoryCode)} × ${c.plannedBatches}`}</Tag>
                  ))}
                </Space>
                <DrawHistory planId={p.id} />
                {p.abilities.importResults && <PlanResultImports planId={p.id} />}
              </>
            ),
          }}
          columns={[
            { key: 'year', title: t('inspection.year'), dataIndex: 'year', width: 80 },
            { key: 'level', title: t('inspection.levelLabel'), dataIndex: 'level', width: 90, render: (l: string) => tx(levelKey(l)) },
            {
              key: 'title',
              title: t('inspection.planTitle'),
              dataIndex: 'title',
              render: (title: string, p) => <Link to={`/inspections?tab=cases&plan=${p.id}`}>{title}</Link>,
            },
            { key: 'dept', title: t('users.department'), dataIndex: 'departmentCode', render: departmentName },
            {
              key: 'batches',
              title: t('inspection.plannedBatches'),
              render: (_, p) => p.categories.reduce((s, c) => s + c.plannedBatches, 0),
              align: 'right',
              width: 100,
            },
            {
              key: 'results',
              title: t('inspection.results'),
              width: 170,
              render: (_: unknown, p: Plan) => (
                <Space>
                  <Button size="small" href={`/api/v1/inspection-plans/${p.id}/results?format=xlsx`}>
                    {t('inspection.downloadResults')}
                  </Button>
                  <Link to={`/inspections/plans/${p.id}/notice`}>{t('inspection.notice')}</Link>
                </Space>
              ),
            },
            ...(mayWrite
              ? [
                  {
                    key: 'actions',
                    title: t('common.actions'),
                    width: 300,
                    // What the server says this user may do with the plan: a county officer organises only their county's plans.
                    render: (_: unknown, p: Plan) => (
                      <Space>
                        {p.abilities.draw && (
                          <Button size="small" onClick={() => setDrawing(p)}>
                            {t('inspection.draw')}
                          </Button>
                        )}
                        {p.abilities.publish && (
                          <Button size="small" onClick={() => publish(p)}>
                            {t('inspection.publish')}
                          </Button>
                        )}
                        {p.abilities.importResults && (
                          <Button size="small" onClick={() => setImporting(p)}>
                            {t('resultImport.title')}
                          </Button>
                        )}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {cityWide && <TestingBodies />}
      {creating && <PlanForm onClose={() => setCreating(false)} />}
      {drawing && <DrawModal plan={drawing} onClose={() => setDrawing(null)} />}
      {importing && <ResultImportModal plan={importing} onClose={() => setImporting(null)} />}
    </>
  );
}

function TestingBodies() {
  const { t } = useI18n();
  const client = useQueryClient();
  const bodies = useTestingBodies();
  const [form] = Form.useForm();
  const [error, setError] = useState<unknown>(null);
  return (
    <Card size="small" title={t('inspection.testingBodies')} style={{ marginTop: 16 }}>
      <FormError error={error} />
      <Form
        form={form}
        layout="inline"
        style={{ marginBottom: 12 }}
        onFinish={async (v) => {
          setError(null);
          try {
            await createTestingBody(v);
            form.resetFields();
            await client.invalidateQueries({ queryKey: ['testing-bodies'] });
          } catch (err) {
            setError(err);
          }
        }}
      >
        <Form.Item
          name="name"
          label={t('inspection.bodyName')}
          rules={[
            { required: true, message: t('form.required') },
            { min: 2, max: 100 },
          ]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="accreditationNo"
          label={t('inspection.accreditationNo')}
          rules={[
            { required: true, message: t('form.required') },
            { min: 2, max: 60 },
          ]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Button htmlType="submit" icon={<PlusOutlined />}>
          {t('common.add')}
        </Button>
      </Form>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={bodies.data ?? []}
        columns={[
          { key: 'name', title: t('inspection.bodyName'), dataIndex: 'name' },
          { key: 'no', title: t('inspection.accreditationNo'), dataIndex: 'accreditationNo' },
        ]}
      />
    </Card>
  );
}

function PlanForm({ onClose }: { onClose: () => void }) {
  const { t, tx, lang } = useI18n();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const user = useSession().data?.user;
  const categories = useReference('product-categories').data ?? [];
  const departments = useReference('departments').data ?? [];
  const { home } = useJurisdiction();
  const regions = (useReference('regions').data ?? []).filter((r) => r.level !== 'province');
  const level = Form.useWatch('level', form) as string | undefined;
  const bodies = useTestingBodies().data ?? [];
  const [error, setError] = useState<unknown>(null);
  const county = user && !user.abilities.cityWide ? user.regionCode : null;
  return (
    <Modal
      open
      width={820}
      title={t('inspection.newPlan')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
    >
      <FormError error={error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          year: new Date().getFullYear(),
          level: county ? 'county' : 'city',
          regionCode: county ?? home,
          departmentCode: 'quality',
          categories: [{ plannedBatches: 10, testItems: [] }],
        }}
        onFinish={async (v) => {
          setError(null);
          try {
            await createInspectionPlan(v);
            await client.invalidateQueries({ queryKey: ['inspection-plans'] });
            onClose();
          } catch (err) {
            setError(err);
            showFieldErrors(form, err);
          }
        }}
      >
        <Row gutter={16}>
          <Col xs={12} md={4}>
            <Form.Item name="year" label={t('inspection.year')} rules={[{ required: true, message: t('form.required') }]}>
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>
            <Form.Item name="level" label={t('inspection.levelLabel')}>
              <Select
                disabled={!!county}
                options={PLAN_LEVELS.map((l) => ({ value: l, label: tx(levelKey(l)) }))}
                onChange={(l) => form.setFieldValue('regionCode', l === 'county' ? (county ?? undefined) : home)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={15}>
            <Form.Item
              name="title"
              label={t('inspection.planTitle')}
              rules={[
                { required: true, message: t('form.required') },
                { min: 2, max: 100 },
              ]}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={12} md={12}>
            <Form.Item name="departmentCode" label={t('users.department')} rules={[{ required: true, message: t('form.required') }]}>
              <Select options={departments.map((d) => ({ value: d.code, label: lang === 'en-US' ? d.nameEn : d.name }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={12}>
            <Form.Item name="regionCode" label={t('inspection.area')} rules={[{ required: true, message: t('form.required') }]}>
              <Select
                disabled={!!county || level !== 'county'}
                options={regions
                  .filter((r) => (level === 'county' ? r.level !== 'city' : r.level === 'city'))
                  .map((r) => ({ value: r.code, label: lang === 'en-US' ? r.nameEn : r.name }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{t('inspection.schemes')}</Typography.Title>
        <Form.List name="categories">
          {(rows, { add, remove }) => (
            <>
              {rows.map((row) => (
                <Space key={row.key} align="baseline" wrap>
                  <Form.Item name={[row.name, 'categoryCode']} rules={[{ required: true, message: t('form.required') }]}>
                    <Select
                      showSearch
                      optionFilterProp="label"
                      style={{ width: 220 }}
                      aria-label={t('field.products.categoryCode')}
                      placeholder={t('field.products.categoryCode')}
                      options={categories.map((c) => ({ value: c.code, label: c.name }))}
                    />
                  </Form.Item>
                  <Form.Item name={[row.name, 'plannedBatches']} rules={[{ required: true, message: t('form.required') }]}>
                    <InputNumber
                      min={1}
                      max={100000}
                      aria-label={t('inspection.plannedBatches')}
                      placeholder={t('inspection.plannedBatches')}
                    />
                  </Form.Item>
                  <Form.Item name={[row.name, 'testItems']}>
                    <Select
                      mode="tags"
                      open={false}
                      style={{ width: 220 }}
                      aria-label={t('inspection.testItems')}
                      placeholder={t('inspection.testItems')}
                      tokenSeparators={[',', '，', '、']}
                    />
                  </Form.Item>
                  <Form.Item name={[row.name, 'testingBodyId']}>
                    <Select
                      allowClear
                      style={{ width: 180 }}
                      aria-label={t('inspection.testingBody')}
                      placeholder={t('inspection.testingBody')}
                      options={bodies.map((b) => ({ value: b.id, label: b.name }))}
                    />
                  </Form.Item>
                  <MinusCircleOutlined aria-label={t('common.delete')} onClick={() => remove(row.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ plannedBatches: 10, testItems: [] })}>
                {t('inspection.addScheme')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
