/**
 * JSON to write inside a `<script type="application/json">` element: `<`, `>` and `&` escaped, so
 * no `</script>` or `<!--` in the data can end the element, and the line separators that older
 * parsers take for line ends. JSON.parse reads it back unchanged.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
