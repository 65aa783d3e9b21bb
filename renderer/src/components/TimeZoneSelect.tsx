import { Select } from 'antd';
import { useMemo, useState } from 'react';

/** IANA zones the browser knows; the store's own zone first in case this runtime lists it under another name. */
function zoneOptions(current: string): { value: string; label: string }[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([current, 'Asia/Shanghai', ...known])].map((zone) => ({ value: zone, label: zone }));
}

/**
 * The district's time zone, searchable, saved as soon as one is chosen (both desks' settings). `save` stores
 * it and says so (or shows why not); the select is disabled meanwhile so a second choice cannot race the first.
 */
export function TimeZoneSelect({ value, save, testId }: { value: string; save: (zone: string) => Promise<void>; testId: string }) {
  const [saving, setSaving] = useState(false);
  const options = useMemo(() => zoneOptions(value), [value]);
  const change = async (zone: string) => {
    if (zone === value) return;
    setSaving(true);
    try {
      await save(zone);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Select
      data-testid={testId}
      showSearch
      value={value}
      loading={saving}
      disabled={saving}
      options={options}
      style={{ width: 280 }}
      onChange={(zone: string) => void change(zone)}
    />
  );
}
