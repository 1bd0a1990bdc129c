/**
 * Records keyed by words that come from content or the command line (tag and class names, code
 * languages, commands, kinds, guide ids, variable, namespace and repository names, data keys).
 * Such a word can be `constructor`, `toString` or `__proto__`: on a plain object it would find
 * Object.prototype's members, and assigned it would replace the prototype (or, through a nested
 * path, write into Object.prototype itself for the whole process). These helpers keep them words.
 */

/** A constant table without a prototype: `table[word]` and `word in table` find only its entries. */
export function lookupTable<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

/**
 * An empty record for keys chosen by content (guide ids, variable, namespace or repository names):
 * without a prototype, so that `record[key] = value` with `key` `__proto__` stores a value instead
 * of replacing the prototype, and `constructor` is not found before it is stored.
 */
export function contentRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** `record[key]` when the record has that key of its own (not one of Object.prototype's members). */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * `record[key] = value` that stores even `__proto__` as an ordinary key, for records that may be
 * plain objects (a structured clone of a prototype-less record has a prototype again).
 */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
}
