/**
 * The address of a From header as the APIs hand it over (`"Lead, Ann" <ann@example.com>`,
 * `ann@example.com`, `ann@example.com (Ann)`); null when there is none. The first address wins.
 */
export function headerAddress(value: string | null | undefined): string | null {
  if (!value) return null;
  const angled = /<\s*([^<>\s]+@[^<>\s]+)\s*>/.exec(value);
  if (angled) return angled[1]!.toLowerCase();
  const bare = /(?:^|[\s,:;])([^\s"<>(),;:]+@[^\s"<>(),;:]+)/.exec(value);
  return bare ? bare[1]!.toLowerCase() : null;
}

/** Name/value pairs as the APIs list headers, to the lower-case map the import decides on (first one wins). */
export function headerMapOf(headers: ReadonlyArray<{ name: string; value: string }> | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const { name, value } of headers ?? []) {
    const key = name.toLowerCase();
    if (!map.has(key)) map.set(key, value.replace(/\r?\n[ \t]+/g, ' ').trim());
  }
  return map;
}
