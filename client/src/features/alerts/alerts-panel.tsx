import { useEffect, useId, useRef, useState } from 'react';
import { parseSymbolList } from '../../../../shared/index.js';
import { MAX_WATCHLIST, updateAlertSettings, useAlertSettings } from './alert-settings.js';
import { playBeep, unlockAudio } from './beep.js';
import { type NotifyPermission, notifyPermission, requestNotifyPermission } from './notify.js';

/** The alert settings: opt-in, watchlist, which rules, sound, desktop notifications. */
export function AlertsPanel({ onClose }: { onClose: () => void }) {
  const s = useAlertSettings();
  const id = useId();
  const [draft, setDraft] = useState(s.watchlist.join(', '));
  const [invalid, setInvalid] = useState<string[]>([]);
  const [permission, setPermission] = useState<NotifyPermission>(notifyPermission);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    panel.current?.querySelector<HTMLInputElement>('input')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onClose]);

  const saveWatchlist = () => {
    const { symbols, invalid: bad } = parseSymbolList(draft.replace(/[\s;]+/g, ','));
    setInvalid(bad);
    updateAlertSettings({ watchlist: symbols.slice(0, MAX_WATCHLIST) });
  };

  const setDesktop = async (on: boolean) => {
    if (!on) return updateAlertSettings({ desktop: false });
    const answer = await requestNotifyPermission();
    setPermission(answer);
    updateAlertSettings({ desktop: answer === 'granted' });
  };

  return (
    <div
      className="popover alerts-panel"
      role="dialog"
      aria-labelledby={`${id}-title`}
      ref={panel}
      data-testid="alerts-panel"
    >
      <h2 id={`${id}-title`} className="popover-title">
        Alerts
      </h2>
      <label className="check">
        <input
          type="checkbox"
          checked={s.enabled}
          onChange={(e) => {
            unlockAudio();
            updateAlertSettings({ enabled: e.target.checked });
          }}
          data-testid="alerts-enabled"
        />
        Alert me about my watchlist
      </label>
      <label className="field" htmlFor={`${id}-watchlist`}>
        Watchlist
      </label>
      <input
        id={`${id}-watchlist`}
        className={`text-input${invalid.length > 0 ? ' is-invalid' : ''}`}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={saveWatchlist}
        onKeyDown={(e) => {
          if (e.key === 'Enter') saveWatchlist();
        }}
        placeholder="NVDA, BABA, META"
        autoCapitalize="characters"
        spellCheck={false}
        aria-invalid={invalid.length > 0}
        aria-describedby={`${id}-watchlist-help`}
        data-testid="alerts-watchlist"
      />
      <span id={`${id}-watchlist-help`} className="field-help">
        {invalid.length > 0
          ? `Not a ticker: ${invalid.join(', ')}`
          : 'Tickers, separated by commas or spaces'}
      </span>
      <fieldset className="field-group" disabled={!s.enabled}>
        <legend>When</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={s.news}
            onChange={(e) => updateAlertSettings({ news: e.target.checked })}
          />
          a story about a watched ticker arrives
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={s.move}
            onChange={(e) => updateAlertSettings({ move: e.target.checked })}
            data-testid="alerts-move"
          />
          it then moves
        </label>
        <span className="field-inline">
          <label htmlFor={`${id}-pct`}>at least</label>
          <input
            id={`${id}-pct`}
            className="number-input"
            type="number"
            min={0.01}
            max={100}
            step={0.1}
            value={s.movePct}
            onChange={(e) => {
              const v = Number(e.target.value);
              if (v >= 0.01 && v <= 100) updateAlertSettings({ movePct: v });
            }}
            data-testid="alerts-move-pct"
          />
          <label htmlFor={`${id}-min`}>% within</label>
          <input
            id={`${id}-min`}
            className="number-input"
            type="number"
            min={1}
            max={1440}
            step={1}
            value={s.moveMinutes}
            onChange={(e) => {
              const v = Math.round(Number(e.target.value));
              if (v >= 1 && v <= 1440) updateAlertSettings({ moveMinutes: v });
            }}
            data-testid="alerts-move-minutes"
          />
          <span>min of the story</span>
        </span>
      </fieldset>
      <fieldset className="field-group" disabled={!s.enabled}>
        <legend>How</legend>
        <span className="field-inline">
          <label className="check">
            <input
              type="checkbox"
              checked={s.sound}
              onChange={(e) => updateAlertSettings({ sound: e.target.checked })}
            />
            Sound
          </label>
          <button type="button" className="link-button" onClick={() => playBeep('news')}>
            Test
          </button>
        </span>
        <label className="check">
          <input
            type="checkbox"
            checked={s.desktop}
            onChange={(e) => void setDesktop(e.target.checked)}
            disabled={permission === 'denied' || permission === 'unsupported'}
            data-testid="alerts-desktop"
          />
          Desktop notifications
          {permission === 'denied' && (
            <span className="field-help"> (blocked in this browser's settings)</span>
          )}
          {permission === 'unsupported' && <span className="field-help"> (not supported here)</span>}
        </label>
      </fieldset>
      <div className="popover-actions">
        <button type="button" className="button" onClick={onClose}>
          Done
        </button>
      </div>
    </div>
  );
}
