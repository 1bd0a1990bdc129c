/**
 * A table looked up by words that come from content or the command line (tag and class names,
 * code languages, commands and subcommands, Kubernetes kinds). It has no prototype, so that
 * `constructor`, `toString` or `__proto__` find nothing instead of Object's own members, with
 * `table[word]` and `word in table` alike.
 */
export function lookupTable<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
