/**
 * Stock's default `onFileStart`/`onFileProgress`/`onFileEnd`: a row per file
 * in `filesContainer` (or the body) with a progress bar, then a download link.
 * A page that sets its own callbacks never gets these.
 */
import type { FileChunkInfo } from './file-chunks.js';

export class FileProgressUi {
  readonly #rows = new Map<string, { row: HTMLElement; progress: HTMLProgressElement }>();

  constructor(private readonly container: () => HTMLElement | null | undefined) {}

  started(file: FileChunkInfo): void {
    if (typeof document === 'undefined') return;
    const row = document.createElement('div');
    row.title = file.name;
    const progress = document.createElement('progress');
    progress.max = file.maxChunks;
    row.append(progress);
    const parent = this.container() ?? document.body;
    parent.insertBefore(row, parent.firstChild);
    this.#rows.set(rowKey(file), { row, progress });
  }

  progressed(chunk: FileChunkInfo): void {
    const entry = this.#rows.get(rowKey(chunk));
    if (entry) entry.progress.value = chunk.currentPosition ?? chunk.maxChunks;
  }

  ended(file: FileChunkInfo): void {
    const entry = this.#rows.get(rowKey(file));
    if (!entry || !file.url) return;
    this.#rows.delete(rowKey(file));
    const link = document.createElement('a');
    link.href = file.url;
    link.download = file.name;
    link.textContent = `Download ${file.name}`;
    entry.row.replaceChildren(link);
  }
}

/** A sender has a row per recipient of the file, a receiver one per file. */
function rowKey(file: FileChunkInfo): string {
  return `${file.uuid}/${file.remoteUserId ?? ''}`;
}
