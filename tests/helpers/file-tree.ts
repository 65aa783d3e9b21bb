import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Everything under a folder (files and folders, relative, sorted), SQLite's transient sidecars left out: what a refusal must leave as it was. */
export function folderTree(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (/-(wal|shm|journal)$/.test(name)) continue;
      out.push(relative(root, path));
      if (statSync(path).isDirectory()) walk(path);
    }
  };
  walk(root);
  return out.sort();
}
