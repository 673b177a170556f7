import { hostileInputProblems } from './validation.pipe.js';

describe('hostileInputProblems', () => {
  it.each([
    ['plain text', { name: 'Ana' }],
    ['a character outside the BMP (a surrogate pair)', { name: 'Ana 𝄞 🙂' }],
    ['combining marks and RTL text', { bio: 'é שלום' }],
    ['numbers, booleans and nulls', { a: 1, b: true, c: null }],
  ])('lets %s through', (_, body) => expect(hostileInputProblems(body)).toEqual([]));

  it.each([
    ['a lone high surrogate', '\ud800'],
    ['a lone low surrogate', '\udc00'],
    ['a pair in the wrong order', 'a\udc00\ud800b'],
    ['a high surrogate at the end', 'Ana\ud83d'],
  ])('refuses %s, naming the field', (_, text) =>
    expect(hostileInputProblems({ email: text })).toEqual([
      { field: 'email', message: 'email must be well-formed Unicode text (no lone surrogates)' },
    ]),
  );

  it('refuses NUL and names nested fields', () => {
    expect(hostileInputProblems({ answers: { notes: ['ok', 'a\u0000b'] } })).toEqual([
      { field: 'answers.notes[1]', message: 'answers.notes[1] must not contain NUL characters' },
    ]);
  });

  it('refuses a bare ill-formed string body as "body"', () => {
    expect(hostileInputProblems('\ud800')).toEqual([
      { field: 'body', message: 'body must be well-formed Unicode text (no lone surrogates)' },
    ]);
  });

  it('refuses structures deeper than any DTO', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 20; i++) deep = [deep];
    expect(hostileInputProblems({ a: deep })).toEqual([
      expect.objectContaining({ message: expect.stringContaining('nested too deeply') }),
    ]);
  });
});
