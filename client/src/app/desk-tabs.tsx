import type { DeskView } from './url-view.js';

const TABS: { view: DeskView; label: string; title: string }[] = [
  { view: 'stories', label: 'Stories', title: 'Every story, newest first' },
  {
    view: 'movers',
    label: 'Movers',
    title: 'Recent stories ranked by how far their ticker moved against the market',
  },
];

/** The left column's switch: Stories | Movers. */
export function DeskTabs({ view, onChange }: { view: DeskView; onChange: (view: DeskView) => void }) {
  return (
    <div className="desk-tabs" role="tablist" aria-label="Left column">
      {TABS.map((t) => (
        <button
          key={t.view}
          type="button"
          role="tab"
          className="desk-tab"
          aria-selected={view === t.view}
          onClick={() => onChange(t.view)}
          title={t.title}
          data-testid={`tab-${t.view}`}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
