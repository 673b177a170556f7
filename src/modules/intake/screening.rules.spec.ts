import type { IntakeAnswers } from './intake.types.js';
import { CLOT_REVIEW_LEAD_MS, GateIntake, gateRefusal, rescreen } from './screening.rules.js';

const HOUR = 3_600_000;
const answers = (overrides: Partial<IntakeAnswers> = {}): IntakeAnswers => ({
  painAreas: ['upper-back'],
  sensations: ['tight'],
  onset: 'chronic',
  causes: ['posture'],
  knots: false,
  stressLevel: 3,
  redFlags: { chestPain: false, radiatingPain: false, fever: false },
  pregnancy: { pregnant: false },
  ...overrides,
});
const clots = {
  historyOfClots: false,
  legSwellingOrPain: false,
  clottingDisorder: false,
  anticoagulants: false,
  recentSurgeryOrBedRest: false,
};
const clear: GateIntake = {
  status: 'clear',
  pregnant: false,
  clotScreened: false,
  answers: answers(),
  flags: [],
};
const pregnantWithClotRisk = (status: 'open' | 'approved' | 'rejected'): GateIntake => ({
  status: status === 'approved' ? 'clear' : 'needs-review',
  pregnant: true,
  clotScreened: true,
  answers: answers({
    pregnancy: { pregnant: true, weeks: 20 },
    clotScreening: { ...clots, legSwellingOrPain: true },
  }),
  flags: [{ code: 'CLOT_RISK', status }],
});
const certified = { prenatalCertified: true };
const code = (intake: GateIntake | null, technique: string, prenatalCertified = true) =>
  gateRefusal(intake, { technique: technique as 'swedish', prenatalCertified })?.code ?? null;

describe('gateRefusal', () => {
  it('lets a clear intake book anything but prenatal, which needs the clot screening', () => {
    expect(code(clear, 'deep-tissue')).toBeNull();
    expect(code(clear, 'prenatal')).toBe('PRENATAL_SCREENING_REQUIRED');
    expect(code(null, 'swedish')).toBeNull();
    expect(code(null, 'prenatal')).toBe('PRENATAL_SCREENING_REQUIRED');
  });

  it('blocks a red flag, and a retracted one until an admin approves the retraction', () => {
    expect(code({ ...clear, status: 'blocked' }, 'swedish')).toBe('INTAKE_BLOCKED');
    const retracted = (status: 'open' | 'approved' | 'rejected'): GateIntake => ({
      ...clear,
      status: status === 'approved' ? 'clear' : status === 'open' ? 'needs-review' : 'blocked',
      flags: [{ code: 'RED_FLAG_RETRACTED', status }],
    });
    expect(code(retracted('open'), 'swedish')).toBe('INTAKE_BLOCKED');
    expect(code(retracted('rejected'), 'swedish')).toBe('INTAKE_BLOCKED');
    expect(code(retracted('approved'), 'swedish')).toBeNull();
  });

  it('never lets a pregnant client with an unreviewed clot risk book, deep tissue least of all', () => {
    expect(code(pregnantWithClotRisk('open'), 'deep-tissue')).toBe('TECHNIQUE_CONTRAINDICATED');
    expect(code(pregnantWithClotRisk('open'), 'prenatal')).toBe('CLOT_REVIEW_PENDING');
    expect(code(pregnantWithClotRisk('rejected'), 'prenatal')).toBe('CLOT_REVIEW_PENDING');
    expect(code(pregnantWithClotRisk('approved'), 'prenatal')).toBeNull();
  });

  it('needs a prenatal-certified therapist for every session of a pregnant client', () => {
    expect(code(pregnantWithClotRisk('approved'), 'swedish', false)).toBe(
      'THERAPIST_NOT_QUALIFIED',
    );
    expect(code(pregnantWithClotRisk('approved'), 'swedish', true)).toBeNull();
  });
});

describe('rescreen', () => {
  const now = Date.parse('2027-01-10T12:00:00Z');
  const inDays = (days: number) => now + days * 24 * HOUR;

  it('keeps what the gate allows and cancels what it refuses, with the refusal code', () => {
    const booking = { technique: 'deep-tissue' as const, ...certified, startsAt: inDays(3) };
    expect(rescreen(clear, booking, now)).toEqual({ action: 'keep' });
    expect(rescreen({ ...clear, status: 'blocked' }, booking, now)).toEqual({
      action: 'cancel',
      code: 'INTAKE_BLOCKED',
    });
    expect(rescreen(pregnantWithClotRisk('approved'), booking, now)).toEqual({
      action: 'cancel',
      code: 'TECHNIQUE_CONTRAINDICATED',
    });
  });

  it('holds a booking that waits only for a clot review until 24 hours before its start', () => {
    const booking = { technique: 'prenatal' as const, ...certified, startsAt: inDays(3) };
    expect(rescreen(pregnantWithClotRisk('open'), booking, now)).toEqual({
      action: 'await-review',
      deadline: booking.startsAt - CLOT_REVIEW_LEAD_MS,
    });
    const soon = { ...booking, startsAt: now + 20 * HOUR };
    expect(rescreen(pregnantWithClotRisk('open'), soon, now)).toEqual({
      action: 'cancel',
      code: 'CLOT_REVIEW_PENDING',
    });
    expect(rescreen(pregnantWithClotRisk('rejected'), booking, now)).toEqual({
      action: 'cancel',
      code: 'CLOT_REVIEW_PENDING',
    });
  });

  it('does not hold for a review what an approval could not save', () => {
    const booking = {
      technique: 'swedish' as const,
      prenatalCertified: false,
      startsAt: inDays(3),
    };
    expect(rescreen(pregnantWithClotRisk('open'), booking, now)).toEqual({
      action: 'cancel',
      code: 'THERAPIST_NOT_QUALIFIED',
    });
  });
});
