import { parseTrustProxy } from './trust-proxy.js';

describe('parseTrustProxy', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['0', false],
    ['1', 1],
    ['2', 2],
    ['10.0.0.0/8', ['10.0.0.0/8']],
    ['127.0.0.1, 10.1.2.3/32 ,::1', ['127.0.0.1', '10.1.2.3/32', '::1']],
    ['fd00::/8', ['fd00::/8']],
  ])('reads %p as %p', (value, expected) => {
    expect(parseTrustProxy(value)).toEqual({ trustProxy: expected });
  });

  it.each([
    'true',
    'yes',
    '11',
    '10.0.0.0/33',
    '::1/129',
    '10.0.0/8',
    'proxy.internal',
    '1.2.3.4/8/1',
  ])('refuses %p, saying why', (value) => {
    const parsed = parseTrustProxy(value);
    expect(parsed).toEqual({ problem: expect.stringMatching(/^TRUST_PROXY\b/) });
  });
});
