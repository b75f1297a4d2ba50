import { getViewToken, useViewTokenRefused } from '../../lib/view-token.js';

/** Full-width notice when the server wants a viewer token this page lacks (or has wrong). */
export function ViewTokenNotice() {
  const refused = useViewTokenRefused();
  if (!refused) return null;
  return (
    <div className="mismatch-notice" role="alert" data-testid="view-token-needed">
      <strong>This screen needs a viewer token.</strong>
      <span>
        {getViewToken() ? 'The token it has was refused. ' : ''}
        Open it with <code>?token=…</code> at the end of its address (ask whoever runs this Tickerwire).
      </span>
    </div>
  );
}
