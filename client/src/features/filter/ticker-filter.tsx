import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { parseSymbolList } from '../../../../shared/index.js';
import type { TickerFilter as Filter } from './url-filter.js';

interface TickerFilterProps {
  filter: Filter;
}

/** Top-bar filter: type symbols (comma or space separated), Enter to add; chips to remove; All to clear. */
export function TickerFilter({ filter }: TickerFilterProps) {
  const [draft, setDraft] = useState('');
  const [invalid, setInvalid] = useState<string[]>([]);
  const inputRef = useRef<HTMLInputElement>(null);

  // "/" focuses the filter from anywhere, as in most trading tools.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      e.preventDefault();
      inputRef.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const apply = (e?: FormEvent) => {
    e?.preventDefault();
    const { symbols, invalid: bad } = parseSymbolList(draft.replace(/[\s;]+/g, ','));
    setInvalid(bad);
    if (symbols.length > 0) filter.setTickers([...filter.tickers, ...symbols]);
    if (bad.length === 0) setDraft('');
    else setDraft(bad.join(' '));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape') {
      setDraft('');
      setInvalid([]);
      e.currentTarget.blur();
    } else if (e.key === 'Backspace' && draft === '' && filter.tickers.length > 0) {
      const last = filter.tickers[filter.tickers.length - 1];
      if (last) filter.removeTicker(last);
    }
  };

  const active = filter.tickers.length > 0;
  return (
    <form className="ticker-filter" onSubmit={apply} aria-label="Filter stories by ticker">
      <button
        type="button"
        className={`filter-all${active ? '' : ' is-active'}`}
        onClick={filter.clear}
        aria-pressed={!active}
        title="Show every story"
        data-testid="ticker-filter-all"
      >
        All
      </button>
      <ul className="filter-chips" aria-label="Active ticker filter">
        {filter.tickers.map((symbol) => (
          <li key={symbol} className="filter-chip" data-testid="filter-chip" data-symbol={symbol}>
            <span>{symbol}</span>
            <button
              type="button"
              onClick={() => filter.removeTicker(symbol)}
              aria-label={`Remove ${symbol} from the filter`}
              title={`Remove ${symbol}`}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        ref={inputRef}
        className={`filter-input${invalid.length > 0 ? ' is-invalid' : ''}`}
        data-testid="ticker-filter-input"
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value);
          if (invalid.length > 0) setInvalid([]);
        }}
        onKeyDown={onKeyDown}
        placeholder={active ? 'Add ticker…' : 'Filter by ticker, e.g. BABA, NVDA'}
        aria-label="Tickers to filter by, separated by commas or spaces; Enter to apply"
        aria-invalid={invalid.length > 0}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
      />
      {draft === '' && (
        <kbd className="filter-kbd" title="Press / to type a ticker">
          /
        </kbd>
      )}
      <label
        className={`filter-primary${filter.primaryOnly ? ' is-on' : ''}${active ? '' : ' is-idle'}`}
        title={
          active
            ? 'Only stories about these tickers, not stories that merely mention them'
            : 'With a ticker filter: only stories about those tickers'
        }
      >
        <input
          type="checkbox"
          checked={filter.primaryOnly}
          onChange={(e) => filter.setPrimaryOnly(e.target.checked)}
          data-testid="ticker-filter-primary"
        />
        Primary only
      </label>
      {invalid.length > 0 && (
        <span className="filter-error" role="alert">
          Not a ticker: {invalid.join(', ')}
        </span>
      )}
    </form>
  );
}
