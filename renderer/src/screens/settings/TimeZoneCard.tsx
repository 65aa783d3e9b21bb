import { App, Card, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ApiError } from '../../api/client';
import { errorMessage } from '../../i18n';
import { useDesk, useT } from '../../store';

/** IANA zones the browser knows; the store's own zone first in case this runtime lists it under another name. */
function zoneOptions(current: string): { value: string; label: string }[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([current, 'Asia/Shanghai', ...known])].map((zone) => ({ value: zone, label: zone }));
}

/**
 * Settings → the district's time zone (issue 9, point 11): the calendar every "today", week and month is
 * counted on, and the zone the ledger and the weekly report show times in. Saved at once (settings.setTimeZone).
 */
export function TimeZoneCard() {
  const t = useT();
  const { message } = App.useApp();
  const settings = useDesk((s) => s.settings);
  const saveTimeZone = useDesk((s) => s.saveTimeZone);
  const [saving, setSaving] = useState(false);
  const current = settings?.timeZone ?? 'Asia/Shanghai';
  const options = useMemo(() => zoneOptions(current), [current]);
  if (!settings) return null;
  const change = async (zone: string) => {
    if (zone === current) return;
    setSaving(true);
    try {
      const saved = await saveTimeZone(zone);
      void message.success(t('settings.timeZone.saved', { zone: saved }));
    } catch (error) {
      void message.error(error instanceof ApiError ? errorMessage(t, error.shape) : String(error));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card title={t('settings.timeZone')} data-testid="settings-time-zone">
      <Select
        data-testid="time-zone-select"
        showSearch
        value={current}
        loading={saving}
        disabled={saving}
        options={options}
        style={{ width: 280 }}
        onChange={(zone: string) => void change(zone)}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
        {t('settings.timeZone.hint')}
      </Typography.Paragraph>
    </Card>
  );
}
