import type { Lang } from '../../contract/errors';

/**
 * The language of the API's messages for an Accept-Language header: English when the header
 * ranks English above Chinese, otherwise Chinese (also when it names neither, or is absent).
 */
export function preferredLanguage(header: string | undefined): Lang {
  if (!header) return 'zh';
  let best: { lang: Lang; q: number } | null = null;
  for (const item of header.slice(0, 500).split(',')) {
    const [tag = '', ...params] = item.trim().toLowerCase().split(';');
    const primary = tag.trim().split('-')[0];
    if (primary !== 'zh' && primary !== 'en') continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!(q > 0 && q <= 1)) continue;
    // The first of equal weights wins, as the header lists them in order of preference.
    if (!best || q > best.q) best = { lang: primary, q };
  }
  return best?.lang ?? 'zh';
}
