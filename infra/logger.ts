// Structured JSON logs; credentials and personal fields are redacted wherever they could appear.
import pino, { type Logger } from 'pino';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  '*.credentials',
  '*.clientSecret',
  '*.apiKey',
  '*.token',
  '*.password',
  '*.email',
  '*.firstName',
  '*.lastName',
];

export function createLogger(level: string, name = 'hr-benefits'): Logger {
  return pino({ name, level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
}

export type { Logger };
