/**
 * The files of a drop: files as they are, and a dropped folder's files (its sub-folders too), as the browser's
 * entries API gives them. Hidden files (a name starting with a dot) are left out, as ingest leaves them out of
 * a folder it is given.
 */
export async function droppedFiles(data: DataTransfer): Promise<File[]> {
  const entries = [...data.items].map((item) => item.webkitGetAsEntry?.() ?? null);
  // No entries API (or not files): the plain list.
  if (entries.every((e) => e === null)) return [...data.files].filter(visible);
  const files: File[] = [];
  for (const entry of entries) if (entry) files.push(...(await filesOf(entry)));
  return files;
}

const visible = (file: { name: string }) => !file.name.startsWith('.');

async function filesOf(entry: FileSystemEntry): Promise<File[]> {
  if (!visible(entry)) return [];
  if (entry.isFile) return [await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject))];
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  // readEntries answers in batches until an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    children.push(...batch);
  }
  children.sort((a, b) => a.name.localeCompare(b.name));
  const files: File[] = [];
  for (const child of children) files.push(...(await filesOf(child)));
  return files;
}
