import { ApartmentOutlined, CheckOutlined, SolutionOutlined } from '@ant-design/icons';
import { App as AntApp, Alert, Button, Card, Col, Row, Space, Typography } from 'antd';
import { DeskTheme } from '../components/DeskTheme';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Language } from '@shared/domain';
import type { DeskChoice } from '@shared/operations/desk';
import { errorText } from '../components/ErrorNotice';
import { translator, type Translate } from '../i18n';
import { chooseDesk } from './desk-switch';

const ICONS: Record<DeskChoice, ReactNode> = { officer: <SolutionOutlined />, bureau: <ApartmentOutlined /> };
const ACCENT: Record<DeskChoice, string> = { officer: '#1677ff', bureau: '#c41d7f' };

function DeskCard({ desk, t, busy, onChoose }: { desk: DeskChoice; t: Translate; busy: boolean; onChoose(): void }) {
  const title = t(`deskChoice.${desk}.title`);
  return (
    <Card
      hoverable
      onClick={busy ? undefined : onChoose}
      data-testid={`desk-choice-${desk}`}
      style={{ height: '100%', borderTop: `4px solid ${ACCENT[desk]}` }}
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <div style={{ fontSize: 44, color: ACCENT[desk], lineHeight: 1 }}>{ICONS[desk]}</div>
        <div>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ fontSize: 15 }}>
            {t(`deskChoice.${desk}.sub`)}
          </Typography.Text>
        </div>
        <ul style={{ listStyle: 'none', padding: 0, margin: 0, minHeight: 112 }}>
          {(['p1', 'p2', 'p3'] as const).map((p) => (
            <li key={p} style={{ display: 'flex', alignItems: 'flex-start', gap: 10, marginBottom: 10, fontSize: 15 }}>
              <CheckOutlined style={{ color: ACCENT[desk], marginTop: 5 }} />
              <span>{t(`deskChoice.${desk}.${p}`)}</span>
            </li>
          ))}
        </ul>
        <Button type="primary" size="large" block loading={busy} style={{ background: ACCENT[desk] }} data-testid={`desk-choice-${desk}-enter`}>
          {t('deskChoice.enter', { desk: title })}
        </Button>
      </Space>
    </Card>
  );
}

/**
 * The first start: who is using this app? Two large cards, the officer desk (帮包责任人) and the bureau desk
 * (重点项目办), each saying what it is for. Choosing keeps the choice and opens that desk's own database.
 */
export function ChooseDesk() {
  const [language, setLanguage] = useState<Language>('zh-CN');
  const t = useMemo(() => translator(language), [language]);
  const [busy, setBusy] = useState<DeskChoice | null>(null);
  const [note, setNote] = useState<{ type: 'info' | 'error'; text: string } | null>(null);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('deskChoice.title');
  }, [language, t]);

  const choose = async (desk: DeskChoice) => {
    setBusy(desk);
    setNote(null);
    try {
      // The desktop app reloads the page as the chosen desk; the preview cannot switch and says how to restart.
      if ((await chooseDesk(desk)) === 'preview') setNote({ type: 'info', text: t('deskChoice.preview') });
    } catch (error) {
      setNote({ type: 'error', text: t('deskChoice.failed', { detail: errorText(t, error) }) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <DeskTheme language={language}>
      <AntApp>
        <div
          data-testid="desk-choice"
          style={{
            position: 'relative',
            minHeight: '100vh',
            background: '#f5f7fa',
            padding: '40px 48px',
            display: 'flex',
            flexDirection: 'column',
            justifyContent: 'center',
          }}
        >
          <Button
            data-testid="language-switch"
            style={{ position: 'absolute', top: 40, right: 48 }}
            onClick={() => setLanguage(language === 'zh-CN' ? 'en' : 'zh-CN')}
          >
            {t('lang.switch')}
          </Button>
          <div style={{ width: '100%', maxWidth: 1040, margin: '0 auto' }}>
            <Typography.Title level={1} style={{ textAlign: 'center', marginBottom: 8 }}>
              {t('deskChoice.title')}
            </Typography.Title>
            <Typography.Paragraph type="secondary" style={{ textAlign: 'center', fontSize: 16, maxWidth: 820, margin: '0 auto 32px' }}>
              {t('deskChoice.lead')}
            </Typography.Paragraph>
            <Row gutter={[24, 24]}>
              {(['officer', 'bureau'] as const).map((desk) => (
                <Col key={desk} xs={24} md={12}>
                  <DeskCard desk={desk} t={t} busy={busy !== null} onChoose={() => void choose(desk)} />
                </Col>
              ))}
            </Row>
            {note ? <Alert style={{ marginTop: 24 }} type={note.type} showIcon title={note.text} data-testid="desk-choice-note" /> : null}
            <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 24 }}>
              {t('deskChoice.note')}
            </Typography.Paragraph>
          </div>
        </div>
      </AntApp>
    </DeskTheme>
  );
}
