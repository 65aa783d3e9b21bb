import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';

export const sha256Hex = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** SHA-256 of a file, read in chunks. */
export async function hashFile(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(filePath, { highWaterMark: 256 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface TapHooks {
  /** Each chunk's size, after it is counted. */
  onChunk?(bytes: number): void;
  /** Once the last chunk has passed and `sha256` is known; an error returned fails the stream. */
  onEnd?(tap: HashingTap): Error | undefined;
}

/** A pass-through stream that counts (`bytes`) and hashes (`sha256`, once it has ended) what flows through it. */
export class HashingTap extends Transform {
  bytes = 0;
  sha256 = '';
  readonly #hash = createHash('sha256');
  readonly #hooks: TapHooks;

  constructor(hooks: TapHooks = {}) {
    super();
    this.#hooks = hooks;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.#hash.update(chunk);
    this.bytes += chunk.length;
    this.#hooks.onChunk?.(chunk.length);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    this.sha256 = this.#hash.digest('hex');
    done(this.#hooks.onEnd?.(this) ?? null);
  }
}
