/**
 * Every test fails if it makes the process print an unexpected warning or
 * error (console.warn / console.error / process warnings), as WeasyPrint's
 * assert_no_logs does. Tests that expect one stub it themselves.
 */
import { afterEach, beforeEach, vi } from 'vitest';

let unexpected: string[] = [];
const onWarning = (w: Error): void => {
  unexpected.push(`process warning: ${w.name}: ${w.message}`);
};

beforeEach(() => {
  unexpected = [];
  vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    unexpected.push(`console.warn: ${args.map(String).join(' ')}`);
  });
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    unexpected.push(`console.error: ${args.map(String).join(' ')}`);
  });
  process.on('warning', onWarning);
});

afterEach(() => {
  process.off('warning', onWarning);
  vi.restoreAllMocks();
  if (unexpected.length > 0) throw new Error(`unexpected warning output:\n${unexpected.join('\n')}`);
});
