// What every view needs: the API client, the texts of the chosen language, the HR system catalog.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ConnectApi, HrSystem } from './api';
import type { Lang, Translate } from './i18n';

export interface PageContext {
  api: ConnectApi;
  lang: Lang;
  t: Translate;
  catalog: HrSystem[];
  /** A short confirmation for screen readers and sighted users alike ("Saved.", "Sync started."). */
  announce: (text: string) => void;
}

export const Page = createContext<PageContext | null>(null);

export function usePage(): PageContext {
  const page = useContext(Page);
  if (!page) throw new Error('usePage outside the page');
  return page;
}
