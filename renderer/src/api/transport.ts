import type { OperationResult } from '@shared/errors';
import type { OperationInput, OperationName, OperationOutput, SponsorDeskApi } from '@shared/operations';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the preview, which talks HTTP to the bridge. */
    sponsorDesk?: SponsorDeskApi;
  }
}

function meta(name: string): string | null {
  return document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? null;
}

/**
 * The preview's transport: the same table over loopback HTTP. The session is an HttpOnly cookie the bridge
 * set when the printed one-time address was opened; the page never sees or holds a secret.
 */
function httpTransport(): SponsorDeskApi {
  return {
    async invoke<N extends OperationName>(name: N, input: OperationInput<N>) {
      const response = await fetch('./api/invoke', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, input }),
      });
      if (!response.ok) {
        // 401/403: this browser has no session (the preview restarted, or the page was opened without the printed address).
        const noSession = response.status === 401 || response.status === 403;
        const params: Record<string, string> = noSession ? { reason: 'preview_session' } : {};
        return { ok: false, error: { code: 'internal', message: `HTTP ${response.status}`, params, issues: [] } } as OperationResult<OperationOutput<N>>;
      }
      return (await response.json()) as OperationResult<OperationOutput<N>>;
    },
  };
}

export type TransportKind = 'electron' | 'http';

export function detectTransport(): { kind: TransportKind; api: SponsorDeskApi } {
  if (window.sponsorDesk) return { kind: 'electron', api: window.sponsorDesk };
  if (meta('sponsor-desk-transport') === 'http') return { kind: 'http', api: httpTransport() };
  throw new Error('Sponsor Desk: no transport to the store (open the app, or run npm run preview)');
}

/** URL of a stored attachment file for <img>: the app protocol in Electron, the bridge in the preview. */
export function attachmentUrl(kind: TransportKind, fileName: string): string {
  return kind === 'electron' ? `app://sponsor-desk/files/${encodeURIComponent(fileName)}` : `./files/${encodeURIComponent(fileName)}`;
}

/** The preview's download of a weekly packet the bridge wrote into its outbox (null in the desktop app). */
export function packetDownloadUrl(kind: TransportKind, packetId: string): string | null {
  return kind === 'http' ? `./packets/${encodeURIComponent(packetId)}` : null;
}
