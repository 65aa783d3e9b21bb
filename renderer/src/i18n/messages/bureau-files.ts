import { defineMessages } from './define';

/** The bureau desk: files picked, dropped and saved (issue 12). */
export const bureauFilesMessages = defineMessages({}, {});
