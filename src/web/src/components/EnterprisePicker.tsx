import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import type { Enterprise } from '../../../contract/schemas/enterprises';
import { useI18n } from '../i18n';
import { listEnterprises } from '../features/enterprises/api';

/**
 * An enterprise of the archive, found by 2+ characters of its name or USCC. `known` names one
 * already chosen elsewhere (a drawn enterprise), so it shows by name, never as a raw id.
 */
export function EnterprisePicker({
  value,
  onChange,
  id,
  known,
}: {
  value?: string;
  onChange?: (id: string | undefined, e?: Enterprise) => void;
  id?: string;
  known?: { id: string; name: string; uscc: string };
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['enterprises', 'pick', q],
    queryFn: () => listEnterprises({ q, limit: 20 }),
    enabled: [...q].length >= 2,
  });
  return (
    <Select
      id={id}
      showSearch
      allowClear
      filterOption={false}
      value={value}
      onSearch={setQ}
      onChange={(v) =>
        onChange?.(
          v,
          found.data?.items.find((e) => e.id === v),
        )
      }
      placeholder={t('enterprise.searchPlaceholder')}
      notFoundContent={[...q].length >= 2 ? t('enterprise.noMatch') : null}
      options={[...(known && !found.data?.items.some((e) => e.id === known.id) ? [known] : []), ...(found.data?.items ?? [])].map((e) => ({
        value: e.id,
        label: `${e.name}（${e.uscc}）`,
      }))}
    />
  );
}
