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
  /**
   * The words of a key built from data the contract types as plain text (a record field's name, an
   * audit action, a due kind): looked up at run time, shown as the key when the dictionary has none.
   * Keys from the contract's enums go through `t`, where a missing translation is a compile error.
   */
  tx(key: string, params?: Record<string, string | number>): string;
}

/** Whether the dictionary has words for a key built at run time. */
export const isMessageKey = (key: string): key is MessageKey => key in zhCN;

const Context = createContext<I18n | null>(null);

// The language for unitLabel, kept beside the API's (set together below).
let unitLanguage: Lang = 'zh-CN';

/**
 * An indicator's unit (data, stored as the policy writes it: 家, 个, 项, 个百分点, %) in the
 * console's language; a unit without a translation is shown as stored.
 */
export function unitLabel(unit: string): string {
  const key = `unit.${unit}`;
  return isMessageKey(key) ? MESSAGES[unitLanguage][key] : unit;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const initial: Lang = localStorage.getItem(STORAGE_KEY) === 'en-US' ? 'en-US' : 'zh-CN';
    // Set before the first render, so even the first requests of the pages get messages in this language.
    setApiLanguage(initial);
    unitLanguage = initial;
    return initial;
  });
  const value = useMemo<I18n>(() => {
    const t = (key: MessageKey, params?: Record<string, string | number>) => {
      const text = MESSAGES[lang][key] ?? key;
      return params ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? '')) : text;
    };
    return {
      lang,
      setLang(next) {
        localStorage.setItem(STORAGE_KEY, next);
        setApiLanguage(next);
        unitLanguage = next;
        document.documentElement.lang = next;
        setLangState(next);
      },
      t,
      tx: (key, params) => (isMessageKey(key) ? t(key, params) : key),
    };
  }, [lang]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(Context);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
