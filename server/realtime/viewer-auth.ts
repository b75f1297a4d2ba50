import type { Socket } from 'socket.io';
import { sameSecret, VIEWER_TOKEN_MESSAGE } from '../http/auth.js';

/** The viewer token of a handshake's `auth`, when it is a string of sane length. */
function handshakeToken(auth: unknown): string | undefined {
  if (typeof auth !== 'object' || auth === null) return undefined;
  const token = (auth as { token?: unknown }).token;
  return typeof token === 'string' && token.length <= 1_024 ? token : undefined;
}

/**
 * Socket.IO middleware: with a viewer token configured, a handshake must carry it in `auth.token`;
 * otherwise the connection is refused with connect_error "UNAUTHORIZED" and a message to show.
 */
export function viewerHandshake(expected: string | undefined, onReject: () => void) {
  return (socket: Socket, next: (err?: Error) => void): void => {
    if (expected === undefined || sameSecret(handshakeToken(socket.handshake.auth), expected)) {
      next();
      return;
    }
    onReject();
    next(
      Object.assign(new Error('UNAUTHORIZED'), {
        data: { code: 'UNAUTHORIZED', message: VIEWER_TOKEN_MESSAGE },
      }),
    );
  };
}
