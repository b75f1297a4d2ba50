import type { ReactNode } from 'react';

interface StateMessageProps {
  title: string;
  children?: ReactNode;
  tone?: 'neutral' | 'error';
  action?: { label: string; onClick: () => void };
}

/** Empty, loading and error states, in one consistent shape. */
export function StateMessage({ title, children, tone = 'neutral', action }: StateMessageProps) {
  return (
    <div className={`state-message is-${tone}`} role={tone === 'error' ? 'alert' : undefined}>
      <p className="state-title">{title}</p>
      {children && <div className="state-body">{children}</div>}
      {action && (
        <button type="button" className="button" onClick={action.onClick}>
          {action.label}
        </button>
      )}
    </div>
  );
}
