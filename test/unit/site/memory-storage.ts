/**
 * An in-memory Web Storage (Node has no localStorage) for the unit tests of site/storage and the pages
 * that keep state in it. Insertion-ordered like a browser's; `keys()` lists what is stored.
 */
export function memoryStorage(init: Record<string, string> = {}): Storage & { keys(): string[] } {
  const m = new Map(Object.entries(init));
  return {
    get length() { return m.size; },
    key: (i: number) => [...m.keys()][i] ?? null,
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, String(v)),
    removeItem: (k: string) => void m.delete(k),
    clear: () => m.clear(),
    keys: () => [...m.keys()],
  };
}
