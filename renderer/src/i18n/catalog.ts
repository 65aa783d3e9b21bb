import { coreMessages } from './messages/core';
import { weekMessages } from './messages/week';
import { settingsMessages } from './messages/settings';
import { paletteMessages } from './messages/palette';
import { syncMessages } from './messages/sync';
import { problemMessages } from './messages/problems';
import { investmentMessages } from './messages/investment';
import { milestoneMessages } from './messages/milestones';
import { checklistMessages } from './messages/checklist';
import { visitMessages } from './messages/visits';
import { protectionMessages } from './messages/protection';
import { demoMessages } from './messages/demo';
import { homeEmptyMessages } from './messages/home-empty';
import { bureauKeyMessages } from './messages/bureau-key';
import { problemDayMessages } from './messages/problem-day';
import { reminderMessages } from './messages/reminders';
import { bureauFigureMessages } from './messages/bureau-figure';
import { projectFieldMessages } from './messages/project-fields';
import { photoPlaceMessages } from './messages/photo-place';
import { fullBackupMessages } from './messages/full-backup';
import { integrityMessages } from './messages/integrity';
import { vocabularyMessages } from './messages/vocabulary';
import { bureauDeskMessages } from './messages/bureau-desk';
import { deskChoiceMessages } from './messages/desk-choice';
import { bureauProjectMessages } from './messages/bureau-project';
import { bureauInboxMessages } from './messages/bureau-inbox';
import { bureauMasterMessages } from './messages/bureau-master';
import { bureauReportsMessages } from './messages/bureau-reports';
import { bureauSettingsMessages } from './messages/bureau-settings';
import { bureauFilesMessages } from './messages/bureau-files';

/**
 * Every feature's messages, combined once. To add a feature: write messages/<feature>.ts with
 * defineMessages and add it to FEATURES. The domain's words (levels, stages, statuses …) come from the shared
 * vocabulary through messages/vocabulary.ts. tests/unit/vocabulary-catalogues.test.ts fails on a key used by
 * two features (the later would silently win) or missing in one language.
 */
export const FEATURES = [
  vocabularyMessages,
  coreMessages,
  weekMessages,
  settingsMessages,
  paletteMessages,
  syncMessages,
  problemMessages,
  investmentMessages,
  milestoneMessages,
  checklistMessages,
  visitMessages,
  protectionMessages,
  demoMessages,
  bureauKeyMessages,
  homeEmptyMessages,
  bureauFigureMessages,
  projectFieldMessages,
  problemDayMessages,
  reminderMessages,
  photoPlaceMessages,
  fullBackupMessages,
  integrityMessages,
  bureauDeskMessages,
  deskChoiceMessages,
  bureauProjectMessages,
  bureauInboxMessages,
  bureauMasterMessages,
  bureauReportsMessages,
  bureauSettingsMessages,
  bureauFilesMessages,
] as const;

type Zh = (typeof FEATURES)[number]['zh'];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
export type MessageKey = keyof UnionToIntersection<Zh> & string;

export const zhCN = Object.assign({}, ...FEATURES.map((f) => f.zh)) as Record<MessageKey, string>;
export const en = Object.assign({}, ...FEATURES.map((f) => f.en)) as Record<MessageKey, string>;
