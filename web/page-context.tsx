/**
 * What every page knows about its request: the language and its words, who is signed in, the path (for
 * the language link and the menu), and the CSRF token its forms carry.
 */
import { createContext, useContext } from 'react';
import type { Principal } from '../api/auth/principal';
import type { Locale, Translate } from './i18n';

export interface PageContext {
  locale: Locale;
  t: Translate;
  principal: Principal | null;
  /** The request's path and query, e.g. `/mijn-taken?pagina=2`. */
  path: string;
  /** The token every POST form carries (empty when no session has one yet). */
  csrfToken: string;
  /** Whether sign-in through the organisation's identity provider (OIDC) is configured. */
  oidcEnabled: boolean;
  /** Whether the embedded mail capture runs (the /post page). */
  mailCaptureEnabled: boolean;
}

const Context = createContext<PageContext | null>(null);

export const PageContextProvider = Context.Provider;

export function usePage(): PageContext {
  const context = useContext(Context);
  if (!context) throw new Error('usePage outside a page');
  return context;
}
