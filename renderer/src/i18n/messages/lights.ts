import { LIGHT_DIMENSION_WORDS, LIGHT_WORDS, messageKeys } from '@shared/i18n/vocabulary';
import { defineMessages } from './define';

/**
 * The traffic lights (红黄绿灯, issue 14) as both desks show them (renderer/src/components/TrafficLights.tsx):
 * the lights' and dimensions' words from the vocabulary, the officer's home column, filter and project card.
 * The sentence of each rule is the shared text's (shared/rules/traffic-light-text.ts), never worded here.
 */
export const lightMessages = defineMessages(
  {
    ...messageKeys('light', LIGHT_WORDS, 'zh'),
    ...messageKeys('lightDimension', LIGHT_DIMENSION_WORDS, 'zh'),
    'lights.cell': '{dimension}　{sentence}',
    'lights.title': '红黄绿灯',
    'lights.overall': '综合',
    'lights.setBy': '由{dimensions}决定',
    'lights.column': '灯色',
    'lights.filter': '红黄绿灯',
  },
  {
    ...messageKeys('light', LIGHT_WORDS, 'en'),
    ...messageKeys('lightDimension', LIGHT_DIMENSION_WORDS, 'en'),
    'lights.cell': '{dimension}: {sentence}',
    'lights.title': 'Traffic lights',
    'lights.overall': 'Overall',
    'lights.setBy': 'set by {dimensions}',
    'lights.column': 'Light',
    'lights.filter': 'Light',
  },
);
