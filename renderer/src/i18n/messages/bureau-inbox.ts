import { defineMessages } from './define';

/** The bureau desk: the inbox and the roll call (issue 12). */
export const bureauInboxMessages = defineMessages({}, {});
