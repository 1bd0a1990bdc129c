/**
 * Results computed once per text: the same command or manifest appears in every locale of a
 * guide, and the guard and the runner ask for it again. Least recently used texts are dropped
 * first; a failed result is dropped at once, so the next call tries again. Results are shared by
 * every asker, so read-only.
 */
export class TextCache<T> {
  private readonly results = new Map<string, Promise<T>>();
  private readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  get(text: string, compute: () => Promise<T>): Promise<T> {
    const cached = this.results.get(text);
    if (cached) {
      // Refresh its place, so the least recently used results go first.
      this.results.delete(text);
      this.results.set(text, cached);
      return cached;
    }
    const result = compute();
    this.results.set(text, result);
    result.catch(() => {
      if (this.results.get(text) === result) this.results.delete(text);
    });
    if (this.results.size > this.limit) this.results.delete(this.results.keys().next().value!);
    return result;
  }
}
