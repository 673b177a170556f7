import { shortName } from '../../common/text/names.js';
import { sessionTitle } from './calendar.rules.js';

describe('sessionTitle', () => {
  it('names the session opaquely, with the client’s first name and last initial', () => {
    expect(sessionTitle('Alice Client')).toBe('Massage session — Alice C.');
  });
});

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
