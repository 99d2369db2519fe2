import { useQuery } from '@tanstack/react-query';
import { App, Button, Descriptions, Drawer, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import type { Static } from 'typebox';
import { DECISIONS, type CountyAssessment, type Decision, type Scheme } from '../../../../contract/schemas/assessments';
import { LIMITS } from '../../../../contract/limits';
import { useReferenceNames } from '../../api/reference';
import { ErrorAlert, errorMessage } from '../../components/ErrorText';
import { showFieldErrors } from '../../components/formErrors';
import { useI18n } from '../../i18n';
import { formatDate } from '../enterprises/labels';
import { decideCounty, fileCountyTargets, getCountyAssessment, reviewCounty, selfAssess } from './api';

type County = Static<typeof CountyAssessment>;
type Item = Static<typeof Scheme>['items'][number];
const fmt = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });

/**
 * One county's assessment: each item with its computed value and points, the county's own
 * scores and evidence, the office's review; the forms each side may use at this stage.
 */
export function CountyDrawer({
  id,
  scheme,
  onClose,
  onChanged,
}: {
  id: string;
  scheme: Static<typeof Scheme>;
  onClose: () => void;
  onChanged: () => Promise<unknown>;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const regionName = useReferenceNames('regions', lang);
  const county = useQuery({ queryKey: ['assessments', 'county', id], queryFn: () => getCountyAssessment(id) });
  const [form] = Form.useForm();
  const c = county.data;
  // What this reader may do at this stage, as the server's policy says.
  const selfing = c?.abilities.selfAssess;
  const reviewing = c?.abilities.review;
  const deciding = c?.abilities.decide;
  const row = (item: Item) => c?.items.find((x) => x.itemId === item.id);
  async function send(call: () => Promise<unknown>) {
    try {
      await call();
      message.success(t('common.saved'));
      await county.refetch();
      await onChanged();
    } catch (err) {
      showFieldErrors(form, err);
      message.error(errorMessage(err, t));
    }
  }
  const scored = (kinds: string[]) => scheme.items.filter((i) => kinds.includes(i.kind));
  const initial =
    c &&
    Object.fromEntries(
      c.items.flatMap((r) => [
        [`s_${r.itemId}`, r.selfScore],
        [`e_${r.itemId}`, r.selfEvidence],
        [`r_${r.itemId}`, r.reviewScore],
        [`c_${r.itemId}`, r.reviewComment],
      ]),
    );

  return (
    <Drawer open width={980} title={c ? `${regionName(c.regionCode)} · ${scheme.name}` : ''} onClose={onClose}>
      {county.error && <ErrorAlert error={county.error} />}
      {c && (
        <>
          <Descriptions size="small" column={4} bordered style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('target.status')}>
              <Tag>{t(`assess.status.${c.status}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('assess.total')}>
              <strong>{fmt(c.total)}</strong>
              {c.grade && ` · ${c.grade}`}
              {c.rank && ` · ${t('assess.rankN', { n: c.rank })}`}
            </Descriptions.Item>
            <Descriptions.Item label={t('assess.filedOn')}>{formatDate(c.targetsFiledOn, lang) || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('assess.selfOn')}>{formatDate(c.selfSubmittedOn, lang) || '—'}</Descriptions.Item>
            {c.vetoReason && (
              <Descriptions.Item label={t('assess.veto')} span={4}>
                <Typography.Text type="danger">{c.vetoReason}</Typography.Text>
              </Descriptions.Item>
            )}
          </Descriptions>
          <Form form={form} layout="vertical" initialValues={initial} key={`${c.version}`}>
            <Table<Item>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={scheme.items}
              scroll={{ x: 900 }}
              columns={[
                {
                  key: 'name',
                  title: t('assess.itemName'),
                  render: (_, i) => (
                    <>
                      {i.name}
                      <div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t(`assess.kind.${i.kind}`)} · {i.points} ·{' '}
                          {i.kind === 'indicator' ? `${i.indicatorCode} ${t(`assess.scoring.${i.scoring}`)}` : i.guidance}
                        </Typography.Text>
                      </div>
                    </>
                  ),
                },
                {
                  key: 'value',
                  title: t('assess.value'),
                  width: 120,
                  render: (_, i) =>
                    i.kind === 'indicator' ? (
                      <>
                        {fmt(row(i)?.value)}
                        {row(i)?.fallback && (
                          <Tag color="orange" style={{ marginLeft: 4 }}>
                            {t('assess.smallSample')}
                          </Tag>
                        )}
                      </>
                    ) : (
                      ''
                    ),
                },
                {
                  key: 'target',
                  title: t('assess.countyTarget'),
                  width: 100,
                  render: (_, i) => (i.kind === 'indicator' ? fmt(row(i)?.target) : ''),
                },
                {
                  key: 'self',
                  title: t('assess.self'),
                  width: 220,
                  render: (_, i) =>
                    i.kind !== 'work' ? (
                      ''
                    ) : selfing ? (
                      <Space direction="vertical" size={2}>
                        <Form.Item name={`s_${i.id}`} noStyle>
                          <InputNumber min={0} max={i.points} aria-label={`${i.name} ${t('assess.self')}`} />
                        </Form.Item>
                        <Form.Item name={`e_${i.id}`} noStyle>
                          <Input placeholder={t('assess.evidence')} maxLength={LIMITS.reason.max} />
                        </Form.Item>
                      </Space>
                    ) : (
                      <>
                        {fmt(row(i)?.selfScore)}
                        {row(i)?.selfEvidence && (
                          <div>
                            <Typography.Text type="secondary">{row(i)?.selfEvidence}</Typography.Text>
                          </div>
                        )}
                      </>
                    ),
                },
                {
                  key: 'review',
                  title: t('assess.review'),
                  width: 240,
                  render: (_, i) =>
                    i.kind === 'veto' ? (
                      ''
                    ) : reviewing ? (
                      <Space direction="vertical" size={2}>
                        <Form.Item name={`r_${i.id}`} noStyle>
                          <InputNumber
                            min={Math.min(0, i.points)}
                            max={Math.max(0, i.points)}
                            placeholder={i.kind === 'indicator' ? fmt(row(i)?.computed) : undefined}
                            aria-label={`${i.name} ${t('assess.review')}`}
                          />
                        </Form.Item>
                        <Form.Item name={`c_${i.id}`} noStyle>
                          <Input placeholder={t('assess.comment')} maxLength={LIMITS.reason.max} />
                        </Form.Item>
                      </Space>
                    ) : (
                      <>
                        {fmt(row(i)?.reviewScore)}
                        {row(i)?.reviewComment && (
                          <div>
                            <Typography.Text type="secondary">{row(i)?.reviewComment}</Typography.Text>
                          </div>
                        )}
                      </>
                    ),
                },
                {
                  key: 'score',
                  title: t('assess.score'),
                  width: 90,
                  align: 'right',
                  render: (_, i) => (i.kind === 'veto' ? '' : fmt(row(i)?.score)),
                },
              ]}
            />
            {reviewing && (
              <Form.Item name="vetoReason" label={t('assess.vetoReason')} initialValue={c.vetoReason ?? ''} style={{ marginTop: 12 }}>
                <Input.TextArea rows={2} maxLength={LIMITS.reason.max} placeholder={t('assess.vetoHint')} />
              </Form.Item>
            )}
          </Form>
          <Space style={{ marginTop: 12 }} wrap>
            {c.abilities.file && (
              <Button type="primary" onClick={() => send(() => fileCountyTargets(id, c.version))}>
                {t('assess.file')}
              </Button>
            )}
            {selfing &&
              [false, true].map((submit) => (
                <Button
                  key={String(submit)}
                  type={submit ? 'primary' : 'default'}
                  onClick={() => {
                    const v = form.getFieldsValue();
                    send(() =>
                      selfAssess(id, {
                        scores: scored(['work']).map((i) => ({
                          itemId: i.id,
                          score: v[`s_${i.id}`] ?? null,
                          evidence: v[`e_${i.id}`] ?? '',
                        })),
                        submit,
                        version: c.version,
                      }),
                    );
                  }}
                >
                  {t(submit ? 'assess.selfSubmit' : 'assess.selfSave')}
                </Button>
              ))}
            {reviewing && (
              <Button
                type="primary"
                onClick={() => {
                  const v = form.getFieldsValue();
                  // An indicator item keeps its computed points unless the office enters others.
                  const scores = scored(['work', 'deduction', 'indicator']).filter(
                    (i) => i.kind !== 'indicator' || (v[`r_${i.id}`] !== null && v[`r_${i.id}`] !== undefined),
                  );
                  send(() =>
                    reviewCounty(id, {
                      scores: scores.map((i) => ({ itemId: i.id, score: v[`r_${i.id}`] ?? null, comment: v[`c_${i.id}`] ?? '' })),
                      vetoReason: v.vetoReason?.trim() ? v.vetoReason : null,
                      version: c.version,
                    }),
                  );
                }}
              >
                {t('assess.saveReview')}
              </Button>
            )}
          </Space>
          {deciding && <DecisionForm county={c} onSend={(body) => send(() => decideCounty(id, body))} />}
        </>
      )}
    </Drawer>
  );
}

function DecisionForm({ county, onSend }: { county: County; onSend: (body: Decision) => Promise<void> }) {
  const { t } = useI18n();
  return (
    <Form<Omit<Decision, 'version'>>
      layout="vertical"
      style={{ marginTop: 16 }}
      initialValues={{ decision: county.decision ?? undefined, reward: county.reward, followUp: county.followUp }}
      onFinish={(v) => onSend({ ...v, version: county.version })}
    >
      <Typography.Title level={5}>{t('assess.decision')}</Typography.Title>
      {/* Not preset to 无: commending, criticising or neither is the office's decision to state. */}
      <Form.Item name="decision" label={t('assess.decision')} rules={[{ required: true, message: t('form.required') }]}>
        <Select
          style={{ width: 200 }}
          placeholder={t('common.select')}
          options={DECISIONS.map((d) => ({ value: d, label: t(`assess.decision.${d}`) }))}
        />
      </Form.Item>
      <Form.Item name="reward" label={t('assess.reward')} rules={[{ max: LIMITS.reason.max }]}>
        <Input.TextArea rows={2} maxLength={LIMITS.reason.max} />
      </Form.Item>
      <Form.Item name="followUp" label={t('assess.followUp')} rules={[{ max: LIMITS.reason.max }]}>
        <Input.TextArea rows={2} maxLength={LIMITS.reason.max} />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        {t('common.save')}
      </Button>
    </Form>
  );
}
