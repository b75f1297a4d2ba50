import { setThemeChoice, type ThemeChoice, useTheme } from '../lib/theme.js';

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const LABEL: Record<ThemeChoice, string> = { system: 'Auto', light: 'Light', dark: 'Dark' };

/** Cycles the theme: follow the system, light, dark; remembered in this browser. */
export function ThemeToggle() {
  const { choice, theme } = useTheme();
  return (
    <button
      type="button"
      className="header-button"
      onClick={() => setThemeChoice(NEXT[choice])}
      aria-label={`Theme: ${LABEL[choice]}${choice === 'system' ? ` (${theme})` : ''}. Switch to ${LABEL[NEXT[choice]]}`}
      title="Theme: follow the system, light or dark"
      data-testid="theme-toggle"
      data-theme-choice={choice}
    >
      <span aria-hidden="true">{theme === 'light' ? '☀' : '☾'}</span>
      <span className="header-button-label">{LABEL[choice]}</span>
    </button>
  );
}
