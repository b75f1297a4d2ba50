import { z } from 'zod';

/** The closed set of error codes a command or request can answer with. */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'PROTOCOL_MISMATCH',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** One problem with an input: where it is and what is wrong. */
export interface Issue {
  path: string;
  message: string;
}

export interface ApiError {
  code: ErrorCode;
  message: string;
  issues?: Issue[];
}

/** Every socket command is answered with this envelope. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** Turns zod issues into the wire shape used by HTTP 400 bodies and socket acks. */
export function toIssues(error: z.ZodError): Issue[] {
  return error.issues.map((i) => {
    const at = i.path.map(String).join('.');
    if (i.code === 'unrecognized_keys') {
      return { path: i.keys.map((k) => (at ? `${at}.${k}` : k)).join(', '), message: 'unknown field' };
    }
    return { path: at || '(body)', message: i.message };
  });
}
