/** The one IPC channel between the renderer and the main process; imported by both main and preload. */
export const INVOKE_CHANNEL = 'sponsor-desk:invoke';
/** The name under which the preload exposes the API: `window.sponsorDesk`. */
export const API_GLOBAL = 'sponsorDesk';
