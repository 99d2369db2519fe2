import { describe, expect, it } from 'vitest';
import { preferredLanguage } from './language';

describe('preferredLanguage', () => {
  it.each([
    [undefined, 'zh'],
    ['', 'zh'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['en-GB;q=0.8,zh-CN;q=0.9', 'zh'],
    ['zh;q=0.5,en;q=0.6', 'en'],
    ['en;q=0.5,zh;q=0.5', 'en'], // equal weights: the first listed
    ['fr-FR,de', 'zh'], // neither: the default
    ['*', 'zh'],
    ['en;q=0', 'zh'], // q=0 means "not this one"
    ['en;q=abc', 'zh'],
    ['fr,en;q=0.3', 'en'],
  ])('%s → %s', (header, lang) => {
    expect(preferredLanguage(header)).toBe(lang);
  });
});
