import { endOfDay, qualifiedUntil } from './qualification.rules.js';

const facts = (overrides: Partial<Parameters<typeof qualifiedUntil>[0]> = {}) => ({
  license_through: '2027-03-31',
  prenatal_through: '2027-01-15',
  offers_technique: true,
  ...overrides,
});

describe('qualifiedUntil', () => {
  it('lets a session end at the last instant of the licence’s last valid day, not after', () => {
    expect(endOfDay('2027-03-31')).toBe(Date.parse('2027-04-01T00:00:00Z'));
    expect(qualifiedUntil(facts(), false)).toBe(Date.parse('2027-04-01T00:00:00Z'));
  });

  it('takes the earlier of licence and prenatal certificate when prenatal work is needed', () => {
    expect(qualifiedUntil(facts(), true)).toBe(Date.parse('2027-01-16T00:00:00Z'));
  });

  it('is null without a licence, without the technique, or without a needed prenatal certificate', () => {
    expect(qualifiedUntil(facts({ license_through: null }), false)).toBeNull();
    expect(qualifiedUntil(facts({ offers_technique: false }), false)).toBeNull();
    expect(qualifiedUntil(facts({ prenatal_through: null }), true)).toBeNull();
    expect(qualifiedUntil(facts({ prenatal_through: null }), false)).not.toBeNull();
  });
});
