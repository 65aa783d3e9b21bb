/**
 * The Latin words of a Chinese message that are not identifiers: what a Chinese reader would meet as an
 * English sentence tail. Identifiers are taken out first: file names, paths, fingerprints, ids, the PEM
 * header a key file starts with, words with digits or underscores (Ed25519, entry_too_large).
 */
const ALLOWED = new Set(['PEM', 'SHA', 'zip', 'Sponsor', 'Desk', 'trust-bureau', 'ID']);

export function latinWords(text: string): string[] {
  const t = text
    .replace(/-----[A-Z ]+-----/g, ' ')
    .replace(/\S*[/\\]\S*/g, ' ') // paths
    .replace(/--[a-z][a-z-]*/g, ' ') // options
    .replace(/\b[0-9A-F]{4}( [0-9A-F]{4}){3,}\b/g, ' ') // fingerprints
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, ' ') // ids
    .replace(/[^\s（）：“”]*\.(zip|pub|pem|json|sig|xlsx|csv|sqlite|txt)\b/g, ' '); // file names
  const words = t.match(/[A-Za-z][A-Za-z0-9_-]*/g) ?? [];
  return words.filter((w) => !ALLOWED.has(w) && !w.includes('_') && !/\d/.test(w));
}
