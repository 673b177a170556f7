import { scriptSafeJson } from './script-safe-json.js';

describe('scriptSafeJson', () => {
  const hostile = {
    name: 'Swedish </script><script>alert(1)</script> <!-- & -->',
    bio: 'line\u2028separator\u2029paragraph',
  };

  it('leaves nothing that could end the element or open a comment', () => {
    const text = scriptSafeJson(hostile);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
  });

  it('reads back exactly as given', () => {
    expect(JSON.parse(scriptSafeJson(hostile))).toEqual(hostile);
  });
});
