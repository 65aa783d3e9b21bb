import { defineMessages } from './define';

/** The bureau desk: the bureau settings (keys, backup, demo) (issue 12). */
export const bureauSettingsMessages = defineMessages({}, {});
