import { Tag } from 'antd';
import { directionSign, indicatorDecimals, type Indicator, type INDICATOR_STATUSES } from '../../../../contract/schemas/targets';
import { unitLabel } from '../../i18n';
import type { MessageKey } from '../../i18n/zh-CN';

/** Status colours shared by the dashboard, the matrix and the drill-down. */
export const STATUS_COLOR: Record<string, string> = {
  met: 'green',
  near: 'gold',
  not_met: 'red',
  no_data: 'default',
  no_target: 'default',
};
export const CELL_BACKGROUND: Record<string, string> = {
  met: '#e8f5e9',
  near: '#fff8e1',
  not_met: '#fdecea',
  no_data: '#fafafa',
  no_target: '#fafafa',
};

/** A value for display: rates and points to two decimals, counts whole; rounding only here. */
export function formatValue(i: Pick<Indicator, 'kind' | 'unit'>, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const decimals = indicatorDecimals(i);
  const fixed = value.toLocaleString('zh-CN', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return i.unit === '%' ? `${fixed}%` : `${fixed} ${unitLabel(i.unit)}`;
}

/** The target as the policy states it: ≥ 98%, 40–50 个, ≤ 0 项. */
export function formatTarget(i: Pick<Indicator, 'kind' | 'unit' | 'direction' | 'target' | 'stretch'>): string {
  if (i.target === null) return '—';
  const unit = i.unit === '%' ? '%' : ` ${unitLabel(i.unit)}`;
  if (i.stretch !== null) return `${i.target}–${i.stretch}${unit}`;
  return `${directionSign(i.direction)} ${i.target}${unit}`;
}

export function StatusTag({ status, t }: { status: (typeof INDICATOR_STATUSES)[number]; t: (k: MessageKey) => string }) {
  return <Tag color={STATUS_COLOR[status]}>{t(`target.status.${status}`)}</Tag>;
}

/** A small trend line in SVG: the years with a value, scaled to the box; no chart library needed. */
export function Sparkline({
  points,
  width = 90,
  height = 24,
  label,
}: {
  points: { year: number; value: number | null }[];
  width?: number;
  height?: number;
  label: string;
}) {
  const known = points.filter((p): p is { year: number; value: number } => p.value !== null);
  if (known.length < 2) return <span aria-label={label}>—</span>;
  const xs = points.map((p) => p.year);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const vs = known.map((p) => p.value);
  const [v0, v1] = [Math.min(...vs), Math.max(...vs)];
  const x = (year: number) => (x1 === x0 ? width / 2 : ((year - x0) / (x1 - x0)) * (width - 4) + 2);
  const y = (v: number) => (v1 === v0 ? height / 2 : height - 2 - ((v - v0) / (v1 - v0)) * (height - 4));
  return (
    <svg width={width} height={height} role="img" aria-label={label}>
      <polyline fill="none" stroke="#1d4f91" strokeWidth="1.5" points={known.map((p) => `${x(p.year)},${y(p.value)}`).join(' ')} />
      <circle cx={x(known.at(-1)!.year)} cy={y(known.at(-1)!.value)} r="2.5" fill="#1d4f91" />
    </svg>
  );
}
