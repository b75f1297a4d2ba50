import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

const SECRET_VARS = ['INGEST_TOKEN', 'FINNHUB_API_KEY', 'ALPACA_API_KEY_ID', 'ALPACA_API_SECRET_KEY'];

/** Structured JSON logs; human-readable when asked for (LOG_FORMAT=pretty) or on a terminal. */
export function createLogger(
  level: string,
  format?: 'json' | 'pretty',
  /** Where JSON lines go instead of stdout (tests read the logs). */
  destination?: DestinationStream,
): Logger {
  const pretty = !destination && (format ? format === 'pretty' : Boolean(process.stdout.isTTY));
  return pino(
    {
      level,
      base: { app: 'tickerwire' },
      // Keys and tokens never reach a log, whatever object they travel in.
      redact: [
        'req.headers.authorization',
        'token',
        'key',
        'secret',
        ...SECRET_VARS,
        ...SECRET_VARS.map((v) => `*.${v}`),
      ],
      ...(pretty
        ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l' } } }
        : {}),
    },
    destination,
  );
}
