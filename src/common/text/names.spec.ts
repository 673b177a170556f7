import { shortName } from './names.js';

describe('shortName', () => {
  it.each([
    ['Alice Client', 'Alice C.'],
    ['Alice Mary van Client', 'Alice C.'],
    ['  Alice   Client  ', 'Alice C.'],
    ['Cher', 'Cher'],
    ['Zoë Łukasiewicz', 'Zoë Ł.'],
    ['Ana 𝒵eta', 'Ana 𝒵.'],
  ])('shortens %j to %j', (name, short) => {
    expect(shortName(name)).toBe(short);
  });
});
