/** "Alice Client" → "Alice C."; a one-word name stays as it is. */
export function shortName(name: string): string {
  const words = name.trim().split(/\s+/);
  if (words.length < 2) return words[0] ?? '';
  // By code point, so a last name starting outside the BMP keeps its whole first letter.
  const [initial] = Array.from(words[words.length - 1]);
  return `${words[0]} ${initial}.`;
}
