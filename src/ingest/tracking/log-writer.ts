// The durable tracking log: append-only NDJSON segment files dataDir/tracking/NNNNNNNN.ndjson,
// written with group commit. Requests queue their lines; one flush at a time writes everything
// queued so far in one write and one fdatasync, then resolves all of its waiters. While a flush is
// on disk the next group gathers, so the group size grows with the load and the fsync cost is
// shared (no timer: an idle log commits a single request at once).
//
// Each process writes a new segment (never appending after a possibly torn tail of a crashed
// run); a segment rolls over past segmentBytes. `durable` is the end of fsync'd data in the
// active segment, always at a line boundary: the loader reads up to it and no further.
import { mkdirSync, readdirSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { join } from 'node:path';
import { InternalError } from '../../lib/errors.js';

export const SEGMENT_RE = /^(\d{8})\.ndjson$/;

export function segmentName(seq: number): string {
  return `${String(seq).padStart(8, '0')}.ndjson`;
}

/** Segment sequence numbers present in dir, ascending. */
export function listSegments(dir: string): number[] {
  return readdirSync(dir)
    .map((f) => SEGMENT_RE.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

export interface LogPosition {
  seq: number;
  offset: number;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class LogWriter {
  readonly dir: string;
  private readonly segmentBytes: number;
  private handle: FileHandle;
  private seq: number;
  private written = 0;
  private pending: string[] = [];
  private pendingWaiters: Waiter[] = [];
  private pendingChars = 0;
  private flushing: Promise<void> | null = null;
  private closed = false;
  private listeners: (() => void)[] = [];
  /** Totals since open, for stats and back-pressure. */
  bytesDurable = 0;
  groups = 0;

  private constructor(dir: string, seq: number, handle: FileHandle, segmentBytes: number) {
    this.dir = dir;
    this.seq = seq;
    this.handle = handle;
    this.segmentBytes = segmentBytes;
  }

  static async open(dir: string, segmentBytes = 64 * 1024 * 1024): Promise<LogWriter> {
    mkdirSync(dir, { recursive: true });
    const seq = (listSegments(dir).at(-1) ?? 0) + 1;
    const handle = await open(join(dir, segmentName(seq)), 'wx');
    await syncDir(dir);
    return new LogWriter(dir, seq, handle, segmentBytes);
  }

  /** The fsync'd end of the active segment. */
  get durable(): LogPosition {
    return { seq: this.seq, offset: this.written };
  }

  /** Characters queued and not yet durable (the in-memory queue the server bounds). */
  get queuedChars(): number {
    return this.pendingChars;
  }

  /** Called after every group commit. */
  onDurable(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Resolves once the lines are on disk (written and fdatasync'd). */
  append(lines: readonly string[], chars: number): Promise<void> {
    if (this.closed)
      return Promise.reject(new InternalError('TRACKING_LOG_CLOSED', 'tracking log is closed'));
    return new Promise<void>((resolve, reject) => {
      for (const line of lines) this.pending.push(line);
      this.pendingChars += chars;
      this.pendingWaiters.push({ resolve, reject });
      if (!this.flushing) this.flushing = this.flush();
    });
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const lines = this.pending;
      const waiters = this.pendingWaiters;
      const chars = this.pendingChars;
      this.pending = [];
      this.pendingWaiters = [];
      try {
        const buffer = Buffer.from(lines.join(''), 'utf8');
        let done = 0;
        while (done < buffer.length) {
          const { bytesWritten } = await this.handle.write(
            buffer,
            done,
            buffer.length - done,
            this.written + done,
          );
          done += bytesWritten;
        }
        await this.handle.datasync();
        this.written += buffer.length;
        this.bytesDurable += buffer.length;
        this.groups++;
        this.pendingChars -= chars;
      } catch (cause) {
        this.pendingChars -= chars;
        const error = new InternalError('TRACKING_LOG_WRITE_FAILED', 'tracking log: write failed', {
          cause,
        });
        for (const w of waiters) w.reject(error);
        // The failed write may have left a torn line: continue in a fresh segment.
        await this.roll().catch(() => undefined);
        continue;
      }
      for (const w of waiters) w.resolve();
      for (const l of this.listeners) l();
      if (this.written >= this.segmentBytes) await this.roll().catch(() => undefined);
    }
    this.flushing = null;
  }

  private async roll(): Promise<void> {
    const next = await open(join(this.dir, segmentName(this.seq + 1)), 'wx');
    await syncDir(this.dir);
    const old = this.handle;
    this.handle = next;
    this.seq++;
    this.written = 0;
    await old.close();
    for (const l of this.listeners) l();
  }

  /** Waits for queued lines to be durable, then closes the segment. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.flushing) await this.flushing;
    await this.handle.close();
  }
}

/** fsync the directory so a new segment's name survives a crash. */
async function syncDir(dir: string): Promise<void> {
  const h = await open(dir, 'r');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}
