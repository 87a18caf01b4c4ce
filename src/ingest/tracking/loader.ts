// Moves the durable tracking log into DuckDB in the background. Starting from the checkpoint
// (segment, byte offset) committed with the last load, it reads complete lines — in the active
// segment only up to the writer's fsync'd end — loads them with load-batch.ts and moves on;
// a finished segment is deleted once the checkpoint has passed it. On startup `catchUp` replays
// everything after the checkpoint before the server accepts traffic, so a SIGKILL neither loses
// an acknowledged message nor stores one twice.
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { log } from '../../lib/log.js';
import type { Store } from '../../store/index.js';
import { AgentCache } from './flatten.js';
import { BatchLoader, type LoadResult } from './load-batch.js';
import { type LogPosition, type LogWriter, listSegments, segmentName } from './log-writer.js';

export interface LoaderOptions {
  /** Pause after a load so the next one gathers more lines. */
  intervalMs: number;
  /** Most log bytes read per load. */
  maxLoadBytes: number;
}

export interface LoaderStats {
  loads: number;
  inserted: number;
  duplicates: number;
  customers: number;
  deadLetters: number;
  unreadable: number;
  /** Log bytes loaded from the writer's segments since it was attached. */
  bytesLoaded: number;
}

const logger = log.child({ module: 'tracking-loader' });

export class TrackingLoader {
  readonly dir: string;
  private readonly batch: BatchLoader;
  private readonly options: LoaderOptions;
  private position: LogPosition;
  private writer: LogWriter | null = null;
  private running: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;
  private idleWaiters: (() => void)[] = [];
  readonly stats: LoaderStats = {
    loads: 0,
    inserted: 0,
    duplicates: 0,
    customers: 0,
    deadLetters: 0,
    unreadable: 0,
    bytesLoaded: 0,
  };

  private constructor(
    dir: string,
    batch: BatchLoader,
    position: LogPosition,
    options: LoaderOptions,
  ) {
    this.dir = dir;
    this.batch = batch;
    this.position = position;
    this.options = options;
  }

  static async open(store: Store, dir: string, options: LoaderOptions): Promise<TrackingLoader> {
    const logDir = resolve(dir);
    mkdirSync(logDir, { recursive: true });
    const row = await store.one<{ file_seq: number; offset: number }>(
      'SELECT file_seq, "offset" FROM tracking_checkpoints WHERE log_dir = ?',
      [logDir],
    );
    const batch = await BatchLoader.create(await store.connect(), new AgentCache());
    const loader = new TrackingLoader(
      logDir,
      batch,
      { seq: row?.file_seq ?? 0, offset: row?.offset ?? 0 },
      options,
    );
    // Segments before the checkpoint were loaded; a crash may have left them behind.
    for (const seq of listSegments(logDir))
      if (seq < loader.position.seq) rmSync(join(logDir, segmentName(seq)));
    return loader;
  }

  /** Loads everything the log holds now (startup replay; the writer is not attached yet). */
  async catchUp(): Promise<void> {
    while (await this.loadOnce());
  }

  /** Attaches the writer and loads in the background as it commits. */
  start(writer: LogWriter): void {
    this.writer = writer;
    writer.onDurable(() => this.wake?.());
    this.running = this.loop();
  }

  /** Resolves when everything durable now is loaded. */
  async idle(): Promise<void> {
    if (!this.running) return this.catchUp();
    await new Promise<void>((r) => {
      this.idleWaiters.push(r);
      this.wake?.();
    });
  }

  /** Bytes the writer made durable that are not loaded yet. */
  get lagBytes(): number {
    return this.writer ? this.writer.bytesDurable - this.stats.bytesLoaded : 0;
  }

  /** Stops the background loop, loads what is left (the writer must be closed first) and closes. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
    this.writer = null;
    await this.catchUp();
    this.batch.conn.closeSync();
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      // Waiters registered before this step are satisfied when it finds nothing left to load.
      const waiting = this.idleWaiters.splice(0);
      let progressed = false;
      try {
        progressed = await this.loadOnce();
        failures = 0;
      } catch (error) {
        failures++;
        logger.error({ err: error, failures }, 'tracking load failed; will retry');
      }
      if (progressed || failures > 0) {
        this.idleWaiters.unshift(...waiting);
        if (progressed) continue;
      } else for (const r of waiting) r();
      if (this.idleWaiters.length > 0 && failures === 0) continue;
      const pause = failures > 0 ? Math.min(5000, 100 * 2 ** failures) : 0;
      await new Promise<void>((r) => {
        this.wake = r;
        if (pause > 0) setTimeout(r, pause);
      });
      this.wake = null;
      if (
        !this.stopping &&
        failures === 0 &&
        this.options.intervalMs > 0 &&
        this.idleWaiters.length === 0
      ) {
        await new Promise<void>((r) => setTimeout(r, this.options.intervalMs));
      }
    }
    for (const r of this.idleWaiters.splice(0)) r();
  }

  /** One step: load a chunk, or move past a finished segment. False when there is nothing to do. */
  private async loadOnce(): Promise<boolean> {
    const segments = listSegments(this.dir);
    const { seq, offset } = this.position;
    const active = this.writer?.durable;
    const current = segments.find((s) => s >= seq);
    if (current === undefined) return false;
    if (current !== seq) {
      await this.advance(current, 0, false);
      return true;
    }
    const path = join(this.dir, segmentName(seq));
    const isActive = active !== undefined && active.seq === seq;
    const end = isActive ? active.offset : statSync(path).size;
    if (offset >= end) {
      if (isActive || segments.at(-1) === seq) return false;
      await this.advance(segments.find((s) => s > seq) ?? seq + 1, 0, true);
      return true;
    }
    const length = Math.min(end - offset, this.options.maxLoadBytes);
    const buffer = Buffer.alloc(length);
    const handle = await open(path, 'r');
    try {
      let read = 0;
      while (read < length) {
        const { bytesRead } = await handle.read(buffer, read, length - read, offset + read);
        if (bytesRead === 0) break;
        read += bytesRead;
      }
    } finally {
      await handle.close();
    }
    const lastNewline = buffer.lastIndexOf(0x0a);
    if (lastNewline < 0) {
      // No complete line left: the torn tail of a crashed run's segment (never acknowledged).
      if (isActive) return false;
      logger.warn({ segment: seq, bytes: length }, 'skipping torn tail of tracking log');
      this.stats.unreadable++;
      await this.advance(seq, offset + length, false);
      return true;
    }
    const consumed = lastNewline + 1;
    const result = await this.batch.load(buffer.toString('utf8', 0, lastNewline), {
      logDir: this.dir,
      seq,
      offset: offset + consumed,
    });
    this.position = { seq, offset: offset + consumed };
    this.count(result, consumed);
    return true;
  }

  private count(result: LoadResult, bytes: number): void {
    this.stats.loads++;
    this.stats.inserted += result.inserted;
    this.stats.duplicates += result.duplicates;
    this.stats.customers += result.customers;
    this.stats.deadLetters += result.deadLetters;
    this.stats.unreadable += result.unreadable;
    if (this.writer) this.stats.bytesLoaded += bytes;
  }

  /** Moves the checkpoint (committed) and deletes the finished segment. */
  private async advance(seq: number, offset: number, deletePrevious: boolean): Promise<void> {
    const previous = this.position.seq;
    await this.batch.exec('INSERT OR REPLACE INTO tracking_checkpoints VALUES (?, ?, ?, now())', [
      this.dir,
      seq,
      offset,
    ]);
    this.position = { seq, offset };
    if (deletePrevious && previous !== seq)
      rmSync(join(this.dir, segmentName(previous)), { force: true });
  }
}
