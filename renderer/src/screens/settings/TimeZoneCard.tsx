import { App, Card, Typography } from 'antd';
import { ApiError } from '../../api/client';
import { TimeZoneSelect } from '../../components/TimeZoneSelect';
import { errorMessage } from '../../i18n';
import { useDesk, useT } from '../../store';

/**
 * Settings → the district's time zone (issue 9, point 11): the calendar every "today", week and month is
 * counted on, and the zone the ledger and the weekly report show times in. Saved at once (settings.setTimeZone).
 */
export function TimeZoneCard() {
  const t = useT();
  const { message } = App.useApp();
  const settings = useDesk((s) => s.settings);
  const saveTimeZone = useDesk((s) => s.saveTimeZone);
  if (!settings) return null;
  const save = async (zone: string) => {
    try {
      const saved = await saveTimeZone(zone);
      void message.success(t('settings.timeZone.saved', { zone: saved }));
    } catch (error) {
      void message.error(error instanceof ApiError ? errorMessage(t, error.shape) : String(error));
    }
  };
  return (
    <Card title={t('settings.timeZone')} data-testid="settings-time-zone">
      <TimeZoneSelect testId="time-zone-select" value={settings.timeZone} save={save} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
        {t('settings.timeZone.hint')}
      </Typography.Paragraph>
    </Card>
  );
}
