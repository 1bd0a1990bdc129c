import { describe, expect, it } from 'vitest';
import { TextCache } from '../../../src/check/languages/text-cache.ts';

describe('TextCache', () => {
  it('computes a text once and shares the result', async () => {
    const cache = new TextCache<number>(10);
    let calls = 0;
    const compute = () => Promise.resolve(++calls);
    const first = cache.get('ls', compute);
    expect(cache.get('ls', compute)).toBe(first);
    expect(await first).toBe(1);
    expect(calls).toBe(1);
  });

  it('drops the least recently used text beyond its limit', async () => {
    const cache = new TextCache<string>(2);
    const calls: string[] = [];
    const compute = (text: string) => () => (calls.push(text), Promise.resolve(text));
    cache.get('a', compute('a'));
    cache.get('b', compute('b'));
    cache.get('a', compute('a'));
    cache.get('c', compute('c'));
    cache.get('a', compute('a'));
    cache.get('b', compute('b'));
    expect(calls).toEqual(['a', 'b', 'c', 'b']);
  });

  it('forgets a failed result, so the next call tries again', async () => {
    const cache = new TextCache<string>(10);
    await expect(cache.get('x', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.get('x', () => Promise.resolve('ok'))).toBe('ok');
  });
});
