export type Theme = 'light' | 'dark';
const STORAGE_KEY = 'operable.theme';

function stored(): Theme | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'light' || v === 'dark' ? v : null;
  } catch {
    return null;
  }
}

export function systemTheme(): Theme {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** The theme in effect: the stored choice, else the system's. */
export function currentTheme(): Theme {
  return stored() ?? systemTheme();
}

/** Apply the stored choice (if any) to <html>; without one, CSS follows prefers-color-scheme. */
export function applyStoredTheme(): void {
  const theme = stored();
  if (theme) document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
}

export function setTheme(theme: Theme): void {
  try {
    localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // Private mode: the choice lasts until reload.
  }
  document.documentElement.dataset.theme = theme;
}
