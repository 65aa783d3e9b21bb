import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PACKET_PROBLEMS } from '../../electron/packets/errors.js';
import { ProblemAction, ProblemStatus } from '@shared/domain/problem.js';
import { nextProblemStatus, problemActionRequirement } from '@shared/rules/problem-state.js';

/**
 * docs/packets.md is the format an independent implementer reads (issue 9, point 12). These tests fail when the
 * code refuses a file for a reason the documents do not list, when a payload rule of shared/packets is not in
 * the rules table, or when the problem table differs from shared/rules/problem-state.ts.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const packetsDoc = readFileSync(join(root, 'docs/packets.md'), 'utf8');
const bureauDoc = readFileSync(join(root, 'docs/bureau.md'), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) return sources(rel);
    return name.endsWith('.ts') ? [rel] : [];
  });
}

/** Every refusal reason the file-handling code can give: first arguments of the refusal helpers and `reason:` params. */
function reasonsInCode(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [/\b(?:refusal|packetError|refuse|reject)\(\s*'([a-z][a-z_]+)'/g, /\breason: '([a-z][a-z_]+)'/g];
  for (const file of ['electron/packets', 'electron/sync', 'electron/bureau'].flatMap(sources)) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const pattern of patterns) for (const m of text.matchAll(pattern)) if (!found.has(m[1]!)) found.set(m[1]!, file);
  }
  for (const reason of PACKET_PROBLEMS) if (!found.has(reason)) found.set(reason, 'electron/packets/errors.ts');
  return found;
}

/** The literal parts of the custom messages of shared/packets' refinements (the text between `${…}`). */
function payloadRuleMessages(): string[] {
  const messages: string[] = [];
  for (const file of sources('shared/packets')) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const m of text.matchAll(/\bissue\(\s*\[[^\]]*\],\s*(['`])((?:(?!\1).)+)\1/g)) messages.push(m[2]!);
    for (const m of text.matchAll(/message: (['`])((?:(?!\1).)+)\1/g)) messages.push(m[2]!);
    for (const m of text.matchAll(/\.refine\([^,]+,\s*'([^']+)'\)/g)) messages.push(m[1]!);
  }
  return messages;
}

describe('docs/packets.md states every rule the code applies', () => {
  it('lists every refusal reason of the packet, sync and bureau code (in packets.md, or bureau.md for desk commands)', () => {
    const reasons = reasonsInCode();
    expect(reasons.size).toBeGreaterThan(40);
    // Documented: the reason as a word inside a code span (`reason`, or `code / reason`).
    const documented = (doc: string, reason: string) => [...doc.matchAll(/`([^`\n]+)`/g)].some((m) => new RegExp(`\\b${reason}\\b`).test(m[1]!));
    const undocumented = [...reasons].filter(([reason]) => !documented(packetsDoc, reason) && !documented(bureauDoc, reason));
    expect(undocumented.map(([reason, file]) => `${reason} (${file})`)).toEqual([]);
  });

  it('lists every payload rule of shared/packets in the rules table', () => {
    const messages = payloadRuleMessages();
    expect(messages.length).toBeGreaterThan(10);
    // Each message with its `${…}` parts as placeholder words (`seq N listed twice` stands for `seq ${c.seq} listed twice`).
    const pattern = (message: string) =>
      new RegExp(
        message
          .split(/\$\{[^}]*\}/)
          .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('\\S+?'),
      );
    const missing = messages.filter((message) => !pattern(message).test(packetsDoc));
    expect(missing).toEqual([]);
  });

  it('gives the problem state machine as shared/rules/problem-state.ts applies it', () => {
    const section = packetsDoc.slice(packetsDoc.indexOf('### The problem loop'));
    for (const action of ProblemAction.options) {
      const row = section.split('\n').find((line) => line.startsWith(`| \`${action}\` |`));
      expect(row, `a row for ${action}`).toBeDefined();
      const [, , fromCell, toCell, needsCell] = row!.split('|').map((c) => c.trim());
      const from = ProblemStatus.options.filter((s) => nextProblemStatus(s, action) !== null);
      expect(
        fromCell!
          .split(',')
          .map((s) => s.replace(/`/g, '').trim())
          .sort(),
        action,
      ).toEqual([...from].sort());
      const to = action === 'note' ? 'unchanged' : nextProblemStatus(from[0]!, action);
      expect(toCell!.replace(/`/g, ''), action).toBe(to);
      expect(needsCell!.replace(/`/g, ''), action).toBe(problemActionRequirement(action) ?? '—');
    }
  });
});
