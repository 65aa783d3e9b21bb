import { call } from './client';

/** A chosen file's content as base64 (without the data-URL prefix), as the operations take it. */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error(`could not read ${file.name}`));
    reader.readAsDataURL(file);
  });
}

/** Hands an uploaded file to the store ('files.receive' keeps it in the inbox) and answers its handle and name. */
export async function receiveFile(file: File): Promise<{ handle: string; name: string }> {
  const received = await call('files.receive', { fileName: file.name, contentBase64: await readAsBase64(file) });
  return { handle: received.file, name: received.fileName };
}
