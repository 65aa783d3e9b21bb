import type { Desk } from '@shared/operations';

/**
 * Which desk this page serves: the preview bridge says so in a meta tag of the page it serves
 * (electron/preview/server.ts); without one (the desktop app today) it is the officer desk.
 */
export const desk: Desk = document.querySelector('meta[name="sponsor-desk-desk"]')?.getAttribute('content') === 'bureau' ? 'bureau' : 'officer';
