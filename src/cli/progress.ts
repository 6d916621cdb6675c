/**
 * Progress of a long CLI run: on a terminal a one-line bar redrawn in place
 * (counts, rate, ETA); otherwise a plain line every few seconds, so logs show
 * the run is alive without a line per document.
 */

/** Options of {@link Progress}. */
export interface ProgressOptions {
  readonly write: (s: string) => void;
  readonly tty: boolean;
  /** Total items to work on. */
  readonly total: number;
  /** Seconds between plain lines when not a terminal (default 5). */
  readonly everySeconds?: number;
  readonly label?: string;
}

function duration(s: number): string {
  if (!Number.isFinite(s)) return '?';
  if (s < 60) return `${Math.ceil(s)} s`;
  return `${Math.floor(s / 60)} min ${Math.ceil(s % 60)} s`;
}

/** A progress display; call {@link Progress.tick} per finished item and {@link Progress.stop} at the end. */
export class Progress {
  private done = 0;
  private failed = 0;
  private readonly started = performance.now();
  private lastDraw = 0;
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: ProgressOptions) {
    if (options.total > 0) {
      // a terminal's bar is redrawn while a long document builds (rate and ETA move); a log gets a line every few seconds
      this.timer = options.tty
        ? setInterval(() => this.draw(), 500)
        : setInterval(() => this.options.write(this.line() + '\n'), (options.everySeconds ?? 5) * 1000);
      this.timer.unref();
    }
  }

  /** Counts one finished item. */
  tick(failed = false): void {
    this.done++;
    if (failed) this.failed++;
    if (!this.options.tty) return;
    if (performance.now() - this.lastDraw < 100 && this.done < this.options.total) return;
    this.draw();
  }

  private draw(): void {
    this.lastDraw = performance.now();
    this.options.write(`\r\x1b[K${this.bar()} ${this.line()}`);
  }

  /** Stops the timer and clears the bar. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.options.tty && this.lastDraw > 0) this.options.write('\r\x1b[K');
  }

  private bar(): string {
    const width = 24;
    const filled = this.options.total === 0 ? width : Math.round((this.done / this.options.total) * width);
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
  }

  /** `label: 12/40 done, 1 failed, 3.1 docs/s, ETA 9 s`. */
  line(): string {
    const seconds = (performance.now() - this.started) / 1000;
    const rate = seconds > 0 ? this.done / seconds : 0;
    const left = this.options.total - this.done;
    const eta = rate > 0 ? duration(left / rate) : '?';
    const failed = this.failed > 0 ? `, ${this.failed} failed` : '';
    return `${this.options.label ?? 'progress'}: ${this.done}/${this.options.total} done${failed}, ${rate.toFixed(1)} docs/s, ETA ${eta}`;
  }
}
