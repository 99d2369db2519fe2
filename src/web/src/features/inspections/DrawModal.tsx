import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, InputNumber, Modal, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Static } from 'typebox';
import { LIMITS } from '../../../../contract/limits';
import type { Draw as DrawSchema, DrawCheck, DrawList } from '../../../../contract/schemas/inspections';
import { useReferenceNames } from '../../api/reference';
import { FormError } from '../../components/ErrorText';
import { filledValues } from '../../components/formValues';
import { useI18n } from '../../i18n';
import { formatInstant } from '../enterprises/labels';
import type { Plan } from './api';
import { RegisterSampleModal } from './RegisterSampleModal';
import { drawEnterprises, getDraw, listDraws, revealDraw, verifyDraw } from './api';

type Draw = Static<typeof DrawSchema>;
type DrawEntry = Static<typeof DrawList>['items'][number];

export const useDraws = (planId: string) =>
  useQuery({ queryKey: ['inspection-plans', planId, 'draws'], queryFn: () => listDraws(planId), select: (d) => d.items });

/** Every draw of a plan, none ever removed: round, status, commitment, seed, who and when. */
export function DrawHistory({ planId, onOpen }: { planId: string; onOpen?: (id: string) => void }) {
  const { t, tx, lang } = useI18n();
  const categoryName = useReferenceNames('product-categories', lang);
  const draws = useDraws(planId);
  return (
    <Table<DrawEntry>
      rowKey="id"
      size="small"
      pagination={false}
      loading={draws.isPending}
      dataSource={draws.data ?? []}
      locale={{ emptyText: t('inspection.noDraws') }}
      title={() => t('inspection.draws')}
      columns={[
        { key: 'category', title: t('field.products.categoryCode'), dataIndex: 'categoryCode', render: categoryName },
        {
          key: 'round',
          title: t('inspection.drawRoundLabel'),
          dataIndex: 'round',
          width: 80,
          render: (n: number) => t('inspection.drawRound', { n }),
        },
        {
          key: 'status',
          title: t('inspection.stateLabel'),
          dataIndex: 'status',
          render: (s: string) => <Tag color={s === 'drawn' ? 'green' : 'orange'}>{tx(`inspection.drawStatus.${s}`)}</Tag>,
        },
        {
          key: 'commitment',
          title: t('inspection.commitment'),
          dataIndex: 'commitment',
          render: (c: string | null) =>
            c ? (
              <Typography.Text code copyable={{ text: c }}>
                {c.slice(0, 12)}…
              </Typography.Text>
            ) : (
              '—'
            ),
        },
        { key: 'seed', title: t('inspection.seed'), dataIndex: 'seed', render: (s: number | null) => s ?? '—' },
        { key: 'by', title: t('inspection.drawnBy'), render: (_, d) => (d.drawnBy ?? d.createdBy)?.displayName ?? '' },
        { key: 'at', title: t('inspection.drawnAt'), render: (_, d) => formatInstant(d.drawnAt ?? d.createdAt, lang) },
        { key: 'reason', title: t('inspection.drawReason'), dataIndex: 'reason' },
        ...(onOpen
          ? [
              {
                key: 'open',
                title: '',
                width: 70,
                render: (_: unknown, d: DrawEntry) => (
                  <Button size="small" type="link" onClick={() => onOpen(d.id)}>
                    {t('inspection.openDraw')}
                  </Button>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

/**
 * 随机抽取 in two steps: the server freezes the candidates and publishes the hash of a seed it
 * drew (公布承诺值); then the draw runs and the seed is revealed (揭晓并抽取) for anyone to check.
 * A drawn enterprise opens the sampling record filled from the draw.
 */
export function DrawModal({ plan, onClose }: { plan: Plan; onClose: () => void }) {
  const { t, lang } = useI18n();
  const client = useQueryClient();
  const categoryName = useReferenceNames('product-categories', lang);
  const [form] = Form.useForm();
  const history = useDraws(plan.id);
  const [current, setCurrent] = useState<Draw | null>(null);
  const [check, setCheck] = useState<Static<typeof DrawCheck> | null>(null);
  const [sampling, setSampling] = useState<Draw['enterprises'][number] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const category = Form.useWatch('categoryCode', form) as string | undefined;
  const earlier = (history.data ?? []).filter((d) => d.categoryCode === category).length;
  const refresh = () => client.invalidateQueries({ queryKey: ['inspection-plans', plan.id, 'draws'] });

  async function run(step: () => Promise<Draw>) {
    setBusy(true);
    setError(null);
    setCheck(null);
    try {
      setCurrent(await step());
      // The list refreshes behind: the next step's button is ready at once.
      void refresh();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open width={900} title={`${t('inspection.draw')} · ${plan.title}`} onCancel={onClose} footer={null}>
      <DrawHistory planId={plan.id} onOpen={(id) => run(() => getDraw(id))} />
      <FormError error={error} />
      <Form
        form={form}
        layout="inline"
        style={{ marginTop: 16 }}
        initialValues={{ categoryCode: plan.categories[0]?.categoryCode, count: Math.min(plan.categories[0]?.plannedBatches ?? 1, 20) }}
        onFinish={(v) => run(() => drawEnterprises(plan.id, filledValues(v, true)))}
      >
        <Form.Item name="categoryCode" label={t('field.products.categoryCode')}>
          <Select
            style={{ width: 200 }}
            options={plan.categories.map((c) => ({ value: c.categoryCode, label: categoryName(c.categoryCode) }))}
          />
        </Form.Item>
        <Form.Item name="count" label={t('inspection.drawCount')} rules={[{ required: true, message: t('form.required') }]}>
          <InputNumber min={1} max={10000} />
        </Form.Item>
        {earlier > 0 && (
          <Form.Item
            name="reason"
            label={t('inspection.drawReason')}
            extra={t('inspection.redrawHint', { n: earlier })}
            rules={[
              { required: true, message: t('form.required') },
              { min: LIMITS.reason.min, max: LIMITS.reason.max },
            ]}
          >
            <Input style={{ width: 280 }} maxLength={LIMITS.reason.max} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('inspection.commitNow')}
        </Button>
      </Form>
      {current && (
        <div style={{ marginTop: 16 }} aria-live="polite">
          <Typography.Title
            level={5}
          >{`${categoryName(current.categoryCode)} · ${t('inspection.drawRound', { n: current.round })}`}</Typography.Title>
          {current.commitment && (
            <Typography.Paragraph>
              {t('inspection.commitment')}：
              <Typography.Text code copyable>
                {current.commitment}
              </Typography.Text>
            </Typography.Paragraph>
          )}
          {current.status === 'committed' ? (
            <>
              <Alert
                type="info"
                showIcon
                title={t('inspection.commitHint', { candidates: current.candidates.length, excluded: current.excluded.length })}
              />
              <Button type="primary" style={{ marginTop: 12 }} loading={busy} onClick={() => run(() => revealDraw(current.id))}>
                {t('inspection.revealNow')}
              </Button>
            </>
          ) : (
            <DrawResult
              draw={current}
              check={check}
              onVerify={async () => {
                try {
                  setCheck(await verifyDraw(current.id));
                } catch (err) {
                  setError(err);
                }
              }}
              onSample={setSampling}
            />
          )}
        </div>
      )}
      {sampling && current && (
        <RegisterSampleModal
          initial={{
            planId: plan.id,
            categoryCode: current.categoryCode,
            sampledEnterprise: { id: sampling.enterpriseId, name: sampling.name, uscc: sampling.uscc },
            samplers: current.inspectors.map((i) => i.displayName),
          }}
          onClose={() => setSampling(null)}
        />
      )}
    </Modal>
  );
}

function DrawResult({
  draw,
  check,
  onVerify,
  onSample,
}: {
  draw: Draw;
  check: Static<typeof DrawCheck> | null;
  onVerify: () => void;
  onSample: (e: Draw['enterprises'][number]) => void;
}) {
  const { t, tx } = useI18n();
  const ok = check && check.matches && check.commitmentMatches !== false;
  return (
    <>
      <Typography.Paragraph>
        {t('inspection.drawSummary', {
          seed: draw.seed ?? '',
          nonce: draw.nonce ?? '—',
          candidates: draw.candidates.length,
          excluded: draw.excluded.length,
        })}
        <Button size="small" type="link" onClick={onVerify}>
          {t('inspection.verify')}
        </Button>
        {check && <Tag color={ok ? 'green' : 'red'}>{ok ? t('inspection.verified') : t('inspection.notVerified')}</Tag>}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{draw.algorithm}</Typography.Paragraph>
      <Typography.Paragraph>
        {t('inspection.inspectorsDrawn', { names: draw.inspectors.map((i) => i.displayName).join('、') })}
      </Typography.Paragraph>
      <Table
        rowKey="enterpriseId"
        size="small"
        pagination={false}
        dataSource={draw.enterprises}
        columns={[
          { key: 'name', title: t('enterprise.name'), dataIndex: 'name' },
          { key: 'uscc', title: t('enterprise.uscc'), dataIndex: 'uscc' },
          { key: 'weight', title: t('inspection.weight'), dataIndex: 'weight', width: 70 },
          {
            key: 'reasons',
            title: t('inspection.riskReasons'),
            dataIndex: 'reasons',
            render: (r: string[]) => r.map((x) => <Tag key={x}>{tx(`inspection.risk.${x}`)}</Tag>),
          },
          {
            key: 'sample',
            title: '',
            width: 100,
            render: (_, e) => (
              <Button size="small" onClick={() => onSample(e)}>
                {t('inspection.register')}
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}
