import { setLinked, useLinked } from './link-settings.js';

/** Header switch: link this window with the desk's other windows. */
export function LinkToggle() {
  const linked = useLinked();
  return (
    <button
      type="button"
      className={`header-button${linked ? ' is-on' : ''}`}
      aria-pressed={linked}
      onClick={() => setLinked(!linked)}
      title="Link windows: a story or ticker picked in one window of this browser shows in the others"
      data-testid="link-windows"
    >
      <svg viewBox="0 0 20 20" width="14" height="14" aria-hidden="true">
        <path
          d="M8 12l4-4M7 9.5L5.3 11.2a2.6 2.6 0 003.5 3.5L10.5 13M13 10.5l1.7-1.7a2.6 2.6 0 00-3.5-3.5L9.5 7"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinecap="round"
        />
      </svg>
      <span className="header-button-label">{linked ? 'Linked' : 'Link windows'}</span>
    </button>
  );
}
