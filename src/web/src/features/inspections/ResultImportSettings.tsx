import { Alert, Card, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { RESULT_FIELDS, SAMPLING_PLACES } from '../../../../contract/schemas/inspections';
import { categoryOption, useReference } from '../../api/reference';
import { useI18n } from '../../i18n';
import { placeKey } from './labels';
import { withNoticeDate, type ImportPreview, type ImportSettings } from './resultImportApi';

const fieldKey = (f: string) => `resultImport.field.${f}`;

/**
 * What the officer confirms about a published table before it is read again: the notice it came
 * from (issuer, title, number, date, its own totals), what kind of table it is, the year and
 * categories it counts in, and which column is which field. Nothing here has a default that
 * decides a verdict or a category: each is proposed from the table, or asked for.
 */
export function ResultImportSettings({
  preview,
  settings,
  onChange,
}: {
  preview: ImportPreview;
  settings: ImportSettings;
  onChange: (s: ImportSettings) => void;
}) {
  const { t, tx, lang } = useI18n();
  const categories = (useReference('product-categories').data ?? []).filter((c) => c.active);
  const categoryOptions = categories.map((c) => categoryOption(c, lang));
  const set = (patch: Partial<ImportSettings>) => onChange({ ...settings, ...patch });
  const mapped = new Set(settings.columns.map((c) => c.field).filter(Boolean));
  const noticeYear = settings.noticeDate ? Number(settings.noticeDate.slice(0, 4)) : null;
  const yearDiffers = noticeYear !== null && noticeYear !== preview.year.plan;
  const unlisted =
    settings.kind === 'failures_only' &&
    settings.tested !== null &&
    settings.unqualified !== null &&
    settings.tested > settings.unqualified;
  const selectCategory = (value: string | null, onPick: (v: string | null) => void, label: string) => (
    <Select
      aria-label={label}
      showSearch
      optionFilterProp="label"
      allowClear
      placeholder={t('common.select')}
      value={value ?? undefined}
      onChange={(v) => onPick(v ?? null)}
      options={categoryOptions}
    />
  );

  return (
    <>
      <Card size="small" title={t('resultImport.notice')} style={{ marginBottom: 12 }}>
        <Form layout="vertical" size="small">
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item label={t('resultImport.issuer')} required>
                <Input
                  aria-label={t('resultImport.issuer')}
                  value={settings.issuer}
                  maxLength={100}
                  onChange={(e) => set({ issuer: e.target.value })}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item label={t('resultImport.noticeTitle')}>
                <Input
                  aria-label={t('resultImport.noticeTitle')}
                  value={settings.noticeTitle}
                  maxLength={200}
                  onChange={(e) => set({ noticeTitle: e.target.value })}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item label={t('resultImport.noticeNo')}>
                <Input
                  aria-label={t('resultImport.noticeNo')}
                  value={settings.noticeNo}
                  maxLength={100}
                  onChange={(e) => set({ noticeNo: e.target.value })}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item
                label={t('resultImport.noticeDate')}
                required={!mapped.has('sampledOn')}
                extra={mapped.has('sampledOn') ? undefined : t('resultImport.noticeDateHint')}
              >
                <DatePicker
                  aria-label={t('resultImport.noticeDate')}
                  style={{ width: '100%' }}
                  value={settings.noticeDate ? dayjs(settings.noticeDate) : null}
                  onChange={(d) => onChange(withNoticeDate(settings, d ? d.format('YYYY-MM-DD') : null, preview.year.plan))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={5}>
              <Form.Item label={t('resultImport.tested')} required={settings.kind === 'failures_only'}>
                <InputNumber
                  aria-label={t('resultImport.tested')}
                  min={0}
                  precision={0}
                  style={{ width: '100%' }}
                  value={settings.tested}
                  onChange={(v) => set({ tested: v ?? null })}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={5}>
              <Form.Item label={t('resultImport.unqualified')} required={settings.kind === 'failures_only'}>
                <InputNumber
                  aria-label={t('resultImport.unqualified')}
                  min={0}
                  precision={0}
                  style={{ width: '100%' }}
                  value={settings.unqualified}
                  onChange={(v) => set({ unqualified: v ?? null })}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              {(preview.found.tested !== null || preview.found.unqualified !== null) && (
                <Typography.Text type="secondary">
                  {t('resultImport.found', { tested: preview.found.tested ?? '—', unqualified: preview.found.unqualified ?? '—' })}
                </Typography.Text>
              )}
            </Col>
          </Row>
          {/* Asked when the table has no verdict column, or when the server finds every listed batch failed (list_kind). */}
          {(!mapped.has('result') || settings.kind !== null || preview.problems.some((p) => p.code === 'list_kind')) && (
            <Form.Item label={t('resultImport.kind')} required>
              <Radio.Group value={settings.kind} onChange={(e) => set({ kind: e.target.value })}>
                {mapped.has('result') && <Radio value="results">{t('resultImport.kind.results')}</Radio>}
                <Radio value="failures_only">{t('resultImport.kind.failures_only')}</Radio>
              </Radio.Group>
            </Form.Item>
          )}
          <Row gutter={12}>
            {yearDiffers && (
              <Col xs={24} md={8}>
                <Form.Item label={t('resultImport.countYear')} required extra={t('resultImport.countYearHint')}>
                  <Radio.Group value={settings.countYear} onChange={(e) => set({ countYear: e.target.value })}>
                    <Radio value={noticeYear}>{noticeYear}</Radio>
                    <Radio value={preview.year.plan}>{preview.year.plan}</Radio>
                  </Radio.Group>
                </Form.Item>
              </Col>
            )}
            {!mapped.has('category') && (
              <Col xs={24} md={8}>
                <Form.Item label={t('resultImport.tableCategory')} required extra={t('resultImport.tableCategoryHint')}>
                  {selectCategory(settings.tableCategory, (v) => set({ tableCategory: v }), t('resultImport.tableCategory'))}
                </Form.Item>
              </Col>
            )}
            {unlisted && (
              <Col xs={24} md={8}>
                <Form.Item label={t('resultImport.unlistedCategory')} required>
                  {selectCategory(settings.unlistedCategory, (v) => set({ unlistedCategory: v }), t('resultImport.unlistedCategory'))}
                </Form.Item>
              </Col>
            )}
            {!mapped.has('place') && (
              <Col xs={24} md={8}>
                <Form.Item label={t('resultImport.tablePlace')} extra={t('resultImport.tablePlaceHint')}>
                  <Select
                    aria-label={t('resultImport.tablePlace')}
                    allowClear
                    value={settings.tablePlace ?? undefined}
                    onChange={(v) => set({ tablePlace: v ?? null })}
                    options={SAMPLING_PLACES.map((p) => ({ value: p, label: tx(placeKey(p)) }))}
                  />
                </Form.Item>
              </Col>
            )}
          </Row>
        </Form>
      </Card>

      <Card size="small" title={t('resultImport.columns')} style={{ marginBottom: 12 }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('resultImport.columnsHint', { line: preview.header.line, height: preview.header.height })}{' '}
          {preview.header.title.map((l) => (
            <Tag key={l}>{l.slice(0, 60)}</Tag>
          ))}
        </Typography.Paragraph>
        <Table
          rowKey="index"
          size="small"
          pagination={false}
          dataSource={preview.columns}
          scroll={{ y: 300 }}
          columns={[
            {
              key: 'header',
              title: t('resultImport.sourceColumn'),
              width: 220,
              render: (_, c) => <Typography.Text strong>{c.header || `#${c.index + 1}`}</Typography.Text>,
            },
            {
              key: 'samples',
              title: t('resultImport.samples'),
              render: (_, c) => (
                <Typography.Text type="secondary" ellipsis>
                  {c.samples.join(' ｜ ')}
                </Typography.Text>
              ),
            },
            {
              key: 'field',
              title: t('resultImport.field'),
              width: 200,
              render: (_, c) => (
                <Select
                  aria-label={`${t('resultImport.field')} ${c.header}`}
                  style={{ width: '100%' }}
                  value={settings.columns.find((x) => x.index === c.index)?.field ?? ''}
                  onChange={(v) =>
                    set({
                      columns: settings.columns.map((x) =>
                        x.index === c.index
                          ? { ...x, field: v === '' ? null : (v as ImportSettings['columns'][number]['field']) }
                          : x.field === v
                            ? { ...x, field: null }
                            : x,
                      ),
                    })
                  }
                  options={[
                    { value: '', label: t('resultImport.field.none') },
                    ...RESULT_FIELDS.map((f) => ({ value: f, label: tx(fieldKey(f)) })),
                  ]}
                />
              ),
            },
          ]}
        />
      </Card>

      {preview.categories.length > 0 && (
        <Card size="small" title={t('resultImport.categoryMap')} style={{ marginBottom: 12 }}>
          {preview.categories.some((c) => !c.code && !settings.categoryMap[c.text]) && (
            <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('resultImport.problems')} />
          )}
          <Table
            rowKey="text"
            size="small"
            pagination={false}
            dataSource={preview.categories}
            columns={[
              { key: 'text', title: t('resultImport.categoryText'), dataIndex: 'text', width: 220 },
              { key: 'batches', title: t('resultImport.categoryBatches'), dataIndex: 'batches', width: 80, align: 'right' },
              {
                key: 'code',
                title: t('resultImport.field.category'),
                render: (_, c) =>
                  selectCategory(
                    settings.categoryMap[c.text] ?? c.code,
                    (v) => {
                      const map = { ...settings.categoryMap };
                      if (v && v !== c.code) map[c.text] = v;
                      else delete map[c.text];
                      set({ categoryMap: map });
                    },
                    `${t('resultImport.field.category')} ${c.text}`,
                  ),
              },
            ]}
          />
        </Card>
      )}
    </>
  );
}
