import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Where the bytes of uploaded files live, addressed by their SHA-256: the same photo uploaded twice is stored once,
 * and a file row can never point at changed content. The database holds the rows (who, when, name); this holds
 * the bytes. Local disk under `$DATA_DIR/files` now; an S3-compatible store can implement the same three calls.
 */
export interface FileStore {
  /** Stores the bytes (idempotent) and returns their hash. */
  put(bytes: Buffer): Promise<{ sha256: string; size: number }>;
  /** The bytes of a stored file, or null if they are missing. */
  get(sha256: string): Promise<Buffer | null>;
  has(sha256: string): Promise<boolean>;
}

const SHA_RE = /^[0-9a-f]{64}$/;

export class LocalFileStore implements FileStore {
  private readonly root: string;
  constructor(root: string) {
    this.root = root;
  }

  private pathOf(sha256: string): string {
    if (!SHA_RE.test(sha256)) throw new RangeError('not a SHA-256');
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(bytes: Buffer): Promise<{ sha256: string; size: number }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const file = this.pathOf(sha256);
    if (!(await this.has(sha256))) {
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      // write aside, then rename: a reader never sees half a file, and two writers of the same bytes both succeed
      const tmp = `${file}.${randomUUID()}.tmp`;
      await fs.promises.writeFile(tmp, bytes, { flag: 'wx' });
      await fs.promises.rename(tmp, file);
    }
    return { sha256, size: bytes.length };
  }

  async get(sha256: string): Promise<Buffer | null> {
    try {
      return await fs.promises.readFile(this.pathOf(sha256));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await fs.promises.access(this.pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  }
}
