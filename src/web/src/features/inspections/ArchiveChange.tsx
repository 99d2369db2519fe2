import { Typography } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../i18n';
import { enumKey } from '../enterprises/labels';

/** What a case's 停业整顿 or 吊销 changed in the archive, on its timeline: the enterprise, its status, the licences revoked. */
export function ArchiveChange({ details }: { details: unknown }) {
  const { t, tx } = useI18n();
  const d = details as {
    enterpriseId: string | null;
    enterpriseName: string;
    status?: { from: string; to: string };
    licencesRevoked?: string[];
  };
  if (!d.enterpriseId) return <Typography.Text type="secondary">{t('inspection.archiveNotLinked')}</Typography.Text>;
  const parts = [
    d.status && t('inspection.archiveStatus', { from: tx(enumKey('status', d.status.from)), to: tx(enumKey('status', d.status.to)) }),
    d.licencesRevoked?.length ? t('inspection.archiveLicences', { numbers: d.licencesRevoked.join('、') }) : null,
  ].filter(Boolean);
  return (
    <Typography.Text type="secondary">
      <Link to={`/enterprises/${d.enterpriseId}`}>{d.enterpriseName}</Link>
      {parts.length ? `：${parts.join('；')}` : ''}
    </Typography.Text>
  );
}
