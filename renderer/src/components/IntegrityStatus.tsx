import { Alert, Card, Typography } from 'antd';
import { useEffect } from 'react';
import { localDateTime } from '@shared/rules/local-time';
import { useDesk, useT } from '../store';

/** How often the shell asks for the result while the first check after start is still running. */
const POLL_MS = 5000;
const MAX_POLLS = 60;

function useIntegrity() {
  const info = useDesk((s) => s.info);
  const at = (iso: string) => localDateTime(iso, info?.timeZone ?? 'Asia/Shanghai');
  return { integrity: info?.integrity ?? null, at, ready: info !== null };
}

/**
 * The warning every screen shows when the store's background integrity check failed (issue 11): the check
 * no longer runs on the way to the first screen, so its result arrives after start; until it has one the
 * shell asks again every few seconds (app.info), then stops.
 */
export function IntegrityWarning() {
  const t = useT();
  const loadInfo = useDesk((s) => s.loadInfo);
  const { integrity, at, ready } = useIntegrity();
  const waiting = ready && integrity === null;
  useEffect(() => {
    if (!waiting) return;
    let polls = 0;
    const timer = setInterval(() => {
      if (++polls > MAX_POLLS) clearInterval(timer);
      else void loadInfo().catch(() => undefined);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [waiting, loadInfo]);
  if (!integrity || integrity.ok) return null;
  return (
    <Alert
      data-testid="integrity-warning"
      type="error"
      showIcon
      style={{ marginTop: 16 }}
      title={t('integrity.warning.title')}
      description={
        <>
          <div>{t('integrity.warning.text', { at: at(integrity.checkedAt) })}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('integrity.warning.details', { findings: integrity.findings.join('; ') })}
          </Typography.Text>
        </>
      }
    />
  );
}

/** Settings: when the store was last checked in full and the result. */
export function IntegrityCard() {
  const t = useT();
  const { integrity, at } = useIntegrity();
  return (
    <Card title={t('integrity.title')} data-testid="settings-integrity">
      <Typography.Paragraph data-testid="integrity-status" type={integrity && !integrity.ok ? 'danger' : undefined} style={{ marginBottom: 8 }}>
        {integrity === null ? t('integrity.never') : t(integrity.ok ? 'integrity.ok' : 'integrity.failed', { at: at(integrity.checkedAt) })}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0, fontSize: 12 }}>
        {t('integrity.hint')}
      </Typography.Paragraph>
    </Card>
  );
}
