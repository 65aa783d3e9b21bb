import { memo, type CSSProperties } from 'react';
import type { Language } from '@shared/domain';
import type { BureauLights } from '@shared/operations/bureau';
import { LIGHT_DIMENSIONS, lightText, type DimensionLight, type LightDimension, type TrafficLight } from '@shared/rules';
import type { Translate } from '../i18n';

/**
 * The traffic lights (红黄绿灯) as the bureau's screens draw them: a coloured dot and the vocabulary's word, and
 * the rule's sentence from the shared text (shared/rules/traffic-light-text.ts), never worded again here.
 */

/** antd's red, gold and green; grey for a dimension that is not rated. */
export const LIGHT_COLOR: Record<TrafficLight | 'none', string> = { red: '#cf1322', yellow: '#d48806', green: '#389e0d', none: '#bfbfbf' };

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
export function dimensionLight(lights: BureauLights, dimension: LightDimension): DimensionLight {
  const { title, ...rest } = lights.dimensions[dimension];
  // The sentence names the late item by its title; its id is not carried.
  return { figure: null, threshold: null, ...rest, dimension, ...(title === undefined ? {} : { subject: { id: '', title } }) } as DimensionLight;
}

/** The dimensions showing the overall light, in the rule's order: what set it. */
export function setBy(lights: BureauLights): LightDimension[] {
  return LIGHT_DIMENSIONS.filter((d) => lights.dimensions[d].light === lights.overall);
}

const textLang = (language: Language) => (language === 'en' ? 'en' : 'zh');

/** The rule's sentence of one dimension in the desk's language: "红灯：落后序时进度 34.2 个百分点（超过 30）". */
export function lightSentence(lights: BureauLights, dimension: LightDimension, language: Language): string {
  return lightText(dimensionLight(lights, dimension), textLang(language));
}

/** Every rated dimension's sentence, one a line, those setting the overall light first: what a row's hover says. */
export function lightsHover(lights: BureauLights, t: Translate, language: Language): string {
  const rated = LIGHT_DIMENSIONS.filter((d) => lights.dimensions[d].light !== 'none');
  const set = setBy(lights);
  const first = [...rated.filter((d) => set.includes(d)), ...rated.filter((d) => !set.includes(d))];
  return first
    .map((d) => t('bureauDesk.projects.lightCell', { dimension: t(`bureauDesk.lightDimension.${d}`), sentence: lightSentence(lights, d, language) }))
    .join('\n');
}
