import { defineMessages } from './define';

/** The bureau desk: the reports (issue 12). */
export const bureauReportsMessages = defineMessages({}, {});
