import { setApiLanguage } from '../api/client';
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { enUS } from './en-US';
import { zhCN, type MessageKey } from './zh-CN';

export type Lang = 'zh-CN' | 'en-US';
const MESSAGES: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS };
const STORAGE_KEY = 'qc.lang';

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
}

const Context = createContext<I18n | null>(null);

// The language for unitLabel, kept beside the API's (set together below).
let unitLanguage: Lang = 'zh-CN';

/**
 * An indicator's unit (data, stored as the policy writes it: 家, 个, 项, 个百分点, %) in the
 * console's language; a unit without a translation is shown as stored.
 */
export function unitLabel(unit: string): string {
  return MESSAGES[unitLanguage][`unit.${unit}` as MessageKey] ?? unit;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const initial: Lang = localStorage.getItem(STORAGE_KEY) === 'en-US' ? 'en-US' : 'zh-CN';
    // Set before the first render, so even the first requests of the pages get messages in this language.
    setApiLanguage(initial);
    unitLanguage = initial;
    return initial;
  });
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang(next) {
        localStorage.setItem(STORAGE_KEY, next);
        setApiLanguage(next);
        unitLanguage = next;
        document.documentElement.lang = next;
        setLangState(next);
      },
      t(key, params) {
        const text = MESSAGES[lang][key] ?? key;
        return params ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? '')) : text;
      },
    }),
    [lang],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(Context);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
