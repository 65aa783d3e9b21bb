import { defineMessages } from './define';

/** The bureau desk: the project page (issue 12). */
export const bureauProjectMessages = defineMessages({}, {});
