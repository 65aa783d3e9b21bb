import { defineMessages } from './define';

/** The bureau desk: the master list and assignments (issue 12). */
export const bureauMasterMessages = defineMessages({}, {});
