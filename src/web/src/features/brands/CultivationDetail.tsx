import { useQueryClient } from '@tanstack/react-query';
import { Space, Timeline, Typography } from 'antd';
import type { Static } from 'typebox';
import type { Cultivation } from '../../../../contract/schemas/brands';
import { DocumentList } from '../../components/DocumentList';
import { useI18n } from '../../i18n';
import { formatDate } from '../enterprises/labels';
import { cultivationDocuments } from './api';

type Row = Static<typeof Cultivation>;

/** A cultivation opened: its steps with dates, notes and overrides, and its documents. */
export function CultivationDetail({ row }: { row: Row }) {
  const { t, tx, lang } = useI18n();
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ['cultivations'] });
  return (
    <Space align="start" size="large" wrap style={{ width: '100%' }}>
      <div style={{ minWidth: 320 }}>
        <Typography.Text strong>{t('cultivation.steps')}</Typography.Text>
        <Timeline
          style={{ marginTop: 12 }}
          items={row.events.map((e) => {
            const override = e.override as { reason: string } | null;
            return {
              color: override ? 'orange' : 'blue',
              children: (
                <>
                  {tx(`cultivation.stage.${e.stage}`)} · {formatDate(e.on, lang)}
                  {e.note && (
                    <div>
                      <Typography.Text type="secondary">{e.note}</Typography.Text>
                    </div>
                  )}
                  {override && (
                    <div>
                      <Typography.Text type="warning">{t('cultivation.overridden', { reason: override.reason })}</Typography.Text>
                    </div>
                  )}
                </>
              ),
            };
          })}
        />
      </div>
      <DocumentList
        base={cultivationDocuments(row.id)}
        title={t('cultivation.documents')}
        documents={row.documents}
        mayWrite={row.abilities.documents}
        onChanged={refresh}
      />
    </Space>
  );
}
