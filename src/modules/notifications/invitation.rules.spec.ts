import { sessionTitle } from './invitation.rules.js';

describe('sessionTitle', () => {
  it('names the session opaquely, with the client’s first name and last initial', () => {
    expect(sessionTitle('Alice Client')).toBe('Massage session — Alice C.');
  });
});
