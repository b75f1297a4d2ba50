import { type Logger, pino } from 'pino';

export type { Logger };

/** Structured JSON logs; human-readable when asked for (LOG_FORMAT=pretty) or on a terminal. */
export function createLogger(level: string, format?: 'json' | 'pretty'): Logger {
  const pretty = format ? format === 'pretty' : Boolean(process.stdout.isTTY);
  return pino({
    level,
    base: { app: 'tickerwire' },
    redact: ['req.headers.authorization', 'token'],
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l' } } } : {}),
  });
}
