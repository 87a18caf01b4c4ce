// pino, created once. Level from CXLENS_LOG_LEVEL; logs go to stderr so CLI output pipes cleanly.
import pino from 'pino';
import { ConfigError } from './errors.js';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function readLevel(): string {
  const raw = process.env.CXLENS_LOG_LEVEL ?? 'warn';
  if (!(LEVELS as readonly string[]).includes(raw)) {
    throw new ConfigError(
      'CONFIG_BAD_LOG_LEVEL',
      `CXLENS_LOG_LEVEL: "${raw}" is not a log level (expected one of ${LEVELS.join(', ')})`,
    );
  }
  return raw;
}

export const log = pino({ level: readLevel(), base: undefined }, pino.destination(2));
