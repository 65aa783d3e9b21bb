import { createHash } from 'node:crypto';

/**
 * Name-based ids (RFC 9562 version 8, SHA-256 of a name): the master list has no id column, so a project's
 * id is derived from its code, a milestone's from the code and its kind (or title), a checklist item's from
 * the code, its stage and title. Re-importing the list, or a second bureau machine importing it, gives the
 * same ids, so officer stores keep matching. (The demo dataset's fixed ids are not derived this way.)
 */
export function nameBasedId(name: string): string {
  const bytes = createHash('sha256').update(`sponsor-desk:${name}`, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80; // version 8
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // variant 10xx
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const projectIdForCode = (code: string): string => nameBasedId(`project:${code}`);

export const milestoneIdFor = (code: string, kind: string, title: string): string =>
  nameBasedId(`milestone:${code}:${kind === 'other' ? `other:${title}` : kind}`);

export const checklistItemIdFor = (code: string, stage: string, title: string): string => nameBasedId(`checklist:${code}:${stage}:${title}`);
