import { Breadcrumb, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../i18n';

/** Breadcrumb from the workbench, the page title, and the page's actions on the right. */
export function PageHeader({
  title,
  trail = [],
  extra,
}: {
  title: ReactNode;
  trail?: { title: string; to?: string }[];
  extra?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className="page-header">
      <Breadcrumb
        items={[
          { title: <Link to="/">{t('menu.home')}</Link> },
          ...trail.map((c) => ({ title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title })),
        ]}
      />
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra && (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        )}
      </Flex>
    </div>
  );
}
