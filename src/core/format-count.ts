/** A count as messages print it, with thousands separated (`2,000`), whatever the machine's locale. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}
