import { isCommonPassword } from './password.js';

describe('isCommonPassword', () => {
  it.each(['password123', 'qwertyuiop', '1234567890', 'Password123', 'QWERTYUIOP'])(
    'knows %p from breach lists',
    (password) => expect(isCommonPassword(password)).toBe(true),
  );

  it.each(['a-good-long-password', 'correct horse battery staple', 'unknot-spa-2026!'])(
    'lets %p through',
    (password) => expect(isCommonPassword(password)).toBe(false),
  );
});
