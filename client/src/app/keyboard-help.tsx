import { useEffect, useId, useRef } from 'react';

const KEYS: [string[], string][] = [
  [['j', '↓'], 'Next story'],
  [['k', '↑'], 'Previous story'],
  [['Enter'], 'Open the selected story'],
  [['o'], 'Open the story at its source'],
  [['/'], 'Filter by ticker'],
  [['Esc'], 'Step back: close, follow the latest story, then clear the filter'],
  [['?'], 'Show or hide these keys'],
];

/** The keys of the desk, in a dialog (? to open, Esc or the button to close). */
export function KeyboardHelp({ onClose }: { onClose: () => void }) {
  const id = useId();
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    close.current?.focus();
    return () => before?.focus?.();
  }, []);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a click beside the dialog closes it, a mouse shortcut; keyboards close it with Esc or its button
    <div className="modal-backdrop" onClick={onClose} role="presentation">
      <div
        className="modal keyboard-help"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
        data-testid="keyboard-help"
      >
        <h2 id={`${id}-title`} className="popover-title">
          Keyboard
        </h2>
        <dl className="keys">
          {KEYS.map(([keys, what]) => (
            <div key={what} className="keys-row">
              <dt>
                {keys.map((k) => (
                  <kbd key={k}>{k}</kbd>
                ))}
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <div className="popover-actions">
          <button type="button" className="button" onClick={onClose} ref={close}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
