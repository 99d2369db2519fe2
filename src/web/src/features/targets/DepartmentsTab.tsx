import { useQuery } from '@tanstack/react-query';
import { Table, Typography } from 'antd';
import { useReferenceNames } from '../../api/reference';
import { ErrorAlert } from '../../components/ErrorText';
import { useI18n } from '../../i18n';
import { getReportTasks } from './api';
import { useDashboard } from './DashboardTab';
import type { Scope } from './TargetsPage';

interface DepartmentRow {
  departmentCode: string;
  indicators: number;
  met: number;
  near: number;
  notMet: number;
  noData: number;
  expected: number;
  submitted: number;
  approved: number;
  late: number;
}

/**
 * Who is behind: each owner department's indicators by status for the year, and for the ones it
 * reports, how many figures are in, approved and late — from the same dashboard and task list.
 */
export function DepartmentsTab({ scope }: { scope: Scope }) {
  const { t, lang } = useI18n();
  const department = useReferenceNames('departments', lang);
  const dashboard = useDashboard(scope);
  const tasks = useQuery({ queryKey: ['reporting', 'tasks', String(scope.year)], queryFn: () => getReportTasks(String(scope.year)) });
  const rows = new Map<string, DepartmentRow>();
  const row = (code: string) => {
    if (!rows.has(code))
      rows.set(code, {
        departmentCode: code,
        indicators: 0,
        met: 0,
        near: 0,
        notMet: 0,
        noData: 0,
        expected: 0,
        submitted: 0,
        approved: 0,
        late: 0,
      });
    return rows.get(code)!;
  };
  for (const r of dashboard.data?.rows ?? []) {
    if (r.indicator.section === 'reference') continue;
    const d = row(r.indicator.ownerDepartment);
    d.indicators++;
    if (r.status === 'met') d.met++;
    else if (r.status === 'near') d.near++;
    else if (r.status === 'not_met') d.notMet++;
    else if (r.status === 'no_data') d.noData++;
  }
  for (const c of tasks.data?.completeness ?? [])
    Object.assign(row(c.departmentCode), { expected: c.expected, submitted: c.submitted, approved: c.approved, late: c.late });
  const red = (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0);
  return (
    <>
      {(dashboard.error || tasks.error) && <ErrorAlert error={dashboard.error ?? tasks.error} />}
      <Typography.Paragraph type="secondary">{t('target.departmentsHint', { year: scope.year })}</Typography.Paragraph>
      <Table<DepartmentRow>
        rowKey="departmentCode"
        size="small"
        bordered
        pagination={false}
        loading={dashboard.isPending || tasks.isPending}
        dataSource={[...rows.values()].sort((a, b) => b.notMet - a.notMet || b.late - a.late)}
        columns={[
          { key: 'department', title: t('target.owner'), dataIndex: 'departmentCode', render: (d: string) => department(d) },
          { key: 'indicators', title: t('target.departments.indicators'), dataIndex: 'indicators', align: 'right' },
          { key: 'met', title: t('target.status.met'), dataIndex: 'met', align: 'right' },
          { key: 'near', title: t('target.status.near'), dataIndex: 'near', align: 'right' },
          { key: 'notMet', title: t('target.status.not_met'), dataIndex: 'notMet', align: 'right', render: red },
          { key: 'noData', title: t('target.status.no_data'), dataIndex: 'noData', align: 'right' },
          { key: 'expected', title: t('report.expected'), dataIndex: 'expected', align: 'right' },
          { key: 'submitted', title: t('report.submitted'), dataIndex: 'submitted', align: 'right' },
          { key: 'approved', title: t('report.approved'), dataIndex: 'approved', align: 'right' },
          { key: 'late', title: t('report.late'), dataIndex: 'late', align: 'right', render: red },
        ]}
      />
    </>
  );
}
