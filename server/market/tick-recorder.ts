import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import type { Tick } from '../../shared/index.js';
import type { Logger } from '../logger.js';

/** Past this much unwritten data (the disk cannot keep up), ticks are dropped and counted. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/**
 * Appends every tick a source delivers to a file, one JSON object {s, p, t} a line: the format
 * TICK_SOURCE=replay plays. A failing disk stops the recording, never the server.
 */
export class TickRecorder {
  private readonly stream: WriteStream;
  private failed = false;
  recorded = 0;
  dropped = 0;

  constructor(
    readonly file: string,
    private readonly logger: Logger,
  ) {
    mkdirSync(dirname(file), { recursive: true });
    this.stream = createWriteStream(file, { flags: 'a' });
    this.stream.on('error', (err) => {
      if (!this.failed) logger.error({ err, file }, 'recording ticks failed; recording stopped');
      this.failed = true;
    });
    logger.info({ file }, 'recording every received tick');
  }

  record(tick: Tick): void {
    if (this.failed) return;
    if (this.stream.writableLength > MAX_BUFFERED_BYTES) {
      this.dropped++;
      return;
    }
    this.stream.write(`${JSON.stringify({ s: tick.s, p: tick.p, t: tick.t })}\n`);
    this.recorded++;
  }

  /** Flushes and closes the file. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.failed || this.stream.closed) return resolve();
      this.stream.end(() => {
        this.logger.info(
          { file: this.file, recorded: this.recorded, dropped: this.dropped },
          'recording closed',
        );
        resolve();
      });
    });
  }
}
