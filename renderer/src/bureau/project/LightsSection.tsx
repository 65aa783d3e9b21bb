import { Card, Space, Typography } from 'antd';
import type { BureauProjectPage } from '@shared/operations/bureau-project';
import { LIGHT_DIMENSIONS } from '@shared/rules';
import { LightMark, lightSentence, setBy } from '../lights';
import { useBureau, useBureauT } from '../store';

/**
 * The project's traffic lights (红黄绿灯): the overall light and the dimensions that set it, then each dimension
 * with its light and the rule's sentence (the shared text), as the project table's row has them.
 */
export function LightsSection({ page }: { page: BureauProjectPage }) {
  const t = useBureauT();
  const language = useBureau((s) => s.language);
  const lights = page.lights;
  return (
    <Card size="small" title={t('bureauProject.lights')} data-testid="bureau-project-lights">
      {lights === null ? (
        <Typography.Text type="secondary" data-testid="bureau-project-lights-none">
          {t('bureauProject.lights.notRated', { year: page.asOfMonth.slice(0, 4) })}
        </Typography.Text>
      ) : (
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          <Space size={8} data-testid="bureau-project-light-overall" data-light={lights.overall}>
            <Typography.Text strong>{t('bureauProject.lights.overall')}</Typography.Text>
            <LightMark light={lights.overall} word={t(`bureauDesk.light.${lights.overall}`)} />
            <Typography.Text type="secondary">
              {t('bureauProject.lights.setBy', {
                dimensions: setBy(lights)
                  .map((d) => t(`bureauDesk.lightDimension.${d}`))
                  .join(language === 'en' ? ', ' : '、'),
              })}
            </Typography.Text>
          </Space>
          {LIGHT_DIMENSIONS.map((d) => (
            <div key={d} data-testid="bureau-project-light" data-dimension={d} data-light={lights.dimensions[d].light} style={{ display: 'flex', gap: 12 }}>
              <Typography.Text style={{ width: language === 'en' ? 150 : 84, flex: 'none' }}>{t(`bureauDesk.lightDimension.${d}`)}</Typography.Text>
              <LightMark light={lights.dimensions[d].light} word="" />
              <Typography.Text data-testid="bureau-project-light-text">{lightSentence(lights, d, language)}</Typography.Text>
            </div>
          ))}
        </Space>
      )}
    </Card>
  );
}
