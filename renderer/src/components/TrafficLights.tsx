import { Card, Space, Typography } from 'antd';
import { memo, type CSSProperties } from 'react';
import type { Language } from '@shared/domain';
import type { BureauLights } from '@shared/operations/bureau';
import { LIGHT_DIMENSIONS, lightText, type DimensionLight, type LightDimension, type TrafficLight } from '@shared/rules';
import type { Translate } from '../i18n';

/**
 * The traffic lights (红黄绿灯, issue 14) as both desks draw them: a coloured dot and the vocabulary's word, and
 * the rule's sentence from the shared text (shared/rules/traffic-light-text.ts), never worded again here. Rows
 * of both desks carry the lights in one compact shape (shared/operations/bureau.ts BureauLights).
 */
export type Lights = BureauLights;

/** antd's red, gold and green; grey for a dimension that is not rated. */
export const LIGHT_COLOR: Record<TrafficLight | 'none', string> = { red: '#cf1322', yellow: '#d48806', green: '#389e0d', none: '#bfbfbf' };

/** Red first: the order a sort by light takes ascending, and a filter lists the lights in. */
export const LIGHT_RANK: Record<TrafficLight, number> = { red: 0, yellow: 1, green: 2 };
export const LIGHTS_RED_FIRST = ['red', 'yellow', 'green'] as const satisfies readonly TrafficLight[];

const DOT: CSSProperties = { display: 'inline-block', width: 10, height: 10, borderRadius: '50%', marginInlineEnd: 4, flex: 'none' };

/** A dot of the light's colour and its word (红灯); `title`: what a hover shows. */
export const LightMark = memo(function LightMark({
  light,
  word,
  title,
  testId,
}: {
  light: TrafficLight | 'none';
  word: string;
  title?: string;
  testId?: string;
}) {
  return (
    <span title={title} data-testid={testId} data-light={light} style={{ display: 'inline-flex', alignItems: 'center', whiteSpace: 'nowrap' }}>
      <span style={{ ...DOT, background: LIGHT_COLOR[light] }} />
      {word}
    </span>
  );
});

/** One dimension of a row's lights in the shared rule's shape (the row carries it compact: no dimension, no nulls, the late item's title). */
export function dimensionLight(lights: Lights, dimension: LightDimension): DimensionLight {
  const { title, ...rest } = lights.dimensions[dimension];
  // The sentence names the late item by its title; its id is not carried.
  return { figure: null, threshold: null, ...rest, dimension, ...(title === undefined ? {} : { subject: { id: '', title } }) } as DimensionLight;
}

/** The dimensions showing the overall light, in the rule's order: what set it. */
export function setBy(lights: Lights): LightDimension[] {
  return LIGHT_DIMENSIONS.filter((d) => lights.dimensions[d].light === lights.overall);
}

const textLang = (language: Language) => (language === 'en' ? 'en' : 'zh');

/** The rule's sentence of one dimension in the desk's language: "红灯：落后序时进度 34.2 个百分点（超过 30）". */
export function lightSentence(lights: Lights, dimension: LightDimension, language: Language): string {
  return lightText(dimensionLight(lights, dimension), textLang(language));
}

/** Every rated dimension's sentence, one a line, those setting the overall light first: what a row's hover says. */
export function lightsHover(lights: Lights, t: Translate, language: Language): string {
  const rated = LIGHT_DIMENSIONS.filter((d) => lights.dimensions[d].light !== 'none');
  const set = setBy(lights);
  const first = [...rated.filter((d) => set.includes(d)), ...rated.filter((d) => !set.includes(d))];
  return first.map((d) => t('lights.cell', { dimension: t(`lightDimension.${d}`), sentence: lightSentence(lights, d, language) })).join('\n');
}

/** A row's overall light with every reason on hover: the light column of both desks' project tables. */
export const RowLight = memo(function RowLight({ lights, t, language }: { lights: Lights; t: Translate; language: Language }) {
  return <LightMark light={lights.overall} word={t(`light.${lights.overall}`)} title={lightsHover(lights, t, language)} testId="row-light" />;
});

/**
 * A project's 红黄绿灯 card: the overall light and the dimensions that set it, then each dimension with its light
 * and the rule's sentence, as the project table's row has them. `testId` prefixes the parts' test ids.
 */
export function LightsCard({ lights, t, language, testId }: { lights: Lights; t: Translate; language: Language; testId: string }) {
  const separator = language === 'en' ? ', ' : '、';
  return (
    <Card size="small" title={t('lights.title')} data-testid={testId}>
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Space size={8} data-testid={`${testId}-overall`} data-light={lights.overall}>
          <Typography.Text strong>{t('lights.overall')}</Typography.Text>
          <LightMark light={lights.overall} word={t(`light.${lights.overall}`)} />
          <Typography.Text type="secondary">
            {t('lights.setBy', {
              dimensions: setBy(lights)
                .map((d) => t(`lightDimension.${d}`))
                .join(separator),
            })}
          </Typography.Text>
        </Space>
        {LIGHT_DIMENSIONS.map((d) => (
          <div key={d} data-testid={`${testId}-dimension`} data-dimension={d} data-light={lights.dimensions[d].light} style={{ display: 'flex', gap: 12 }}>
            <Typography.Text style={{ width: language === 'en' ? 150 : 84, flex: 'none' }}>{t(`lightDimension.${d}`)}</Typography.Text>
            <LightMark light={lights.dimensions[d].light} word="" />
            <Typography.Text data-testid={`${testId}-text`}>{lightSentence(lights, d, language)}</Typography.Text>
          </div>
        ))}
      </Space>
    </Card>
  );
}
