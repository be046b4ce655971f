import { useEffect } from 'react';

/** Sets the tab's title: "Pipeline · Impasse". */
export function usePageTitle(title: string | null): void {
  useEffect(() => {
    document.title = title ? `${title} · Impasse` : 'Impasse';
  }, [title]);
}
