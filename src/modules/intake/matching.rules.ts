import type { Assessment } from './intake.rules.js';
import type { TechniqueSlug } from './intake.types.js';

export interface MatchCandidate {
  therapistId: string;
  yearsExperience: number;
  /** Techniques the therapist is bookable for (in the profile, licence verified). */
  techniques: readonly TechniqueSlug[];
  /** A verified, unexpired `prenatal` certification. */
  hasPrenatalCertification: boolean;
  /** How many bookable slots the therapist has in the client's search window. */
  freeSlotCount: number;
  /** Per technique, when slot counts differ by offering length; overrides freeSlotCount. */
  freeSlotCountByTechnique?: Partial<Record<TechniqueSlug, number>>;
}

export interface RankedMatch {
  therapistId: string;
  technique: TechniqueSlug;
  /** 0..100, see matchScore. */
  score: number;
  reasons: string[];
}

const TECHNIQUE_NAMES: Record<TechniqueSlug, string> = {
  swedish: 'Swedish massage',
  'deep-tissue': 'deep tissue massage',
  'hot-stone': 'hot stone massage',
  'trigger-point': 'trigger point massage',
  shiatsu: 'shiatsu',
  aromatherapy: 'aromatherapy massage',
  prenatal: 'prenatal massage',
};

/**
 * Shares of the 100 points. The technique's suggestion score always carries 70, so therapist
 * factors (30 at most) can never outweigh a suggestion lead of more than 30 / 0.7 ≈ 43 points.
 * Pregnancy moves weight from availability to experience: the guide says a certified therapist
 * with many years of experience is best, "especially if you're pregnant".
 */
const TECHNIQUE_SHARE = 0.7;
const EXPERIENCE_SHARE = { usual: 0.2, pregnant: 0.25 } as const;
/** Experience counts up to this many years; beyond it one veteran is as good as another. */
const EXPERIENCE_SATURATION_YEARS = 10;
/** Free slots count up to this many; a therapist with none is still listed, ranked lower. */
export const AVAILABILITY_SATURATION_SLOTS = 5;

function saturate(value: number, ceiling: number): number {
  return Math.min(Math.max(value, 0), ceiling) / ceiling;
}

/**
 * round(100 × (0.7 × suggestion/100 + e × min(years, 10)/10 + (0.3 − e) × min(slots, 5)/5)),
 * with e = 0.2, or 0.25 for a pregnant client.
 */
export function matchScore(
  suggestionScore: number,
  candidate: Pick<MatchCandidate, 'yearsExperience' | 'freeSlotCount'>,
  pregnant: boolean,
): number {
  const experienceShare = pregnant ? EXPERIENCE_SHARE.pregnant : EXPERIENCE_SHARE.usual;
  const availabilityShare = 1 - TECHNIQUE_SHARE - experienceShare;
  return Math.round(
    TECHNIQUE_SHARE * suggestionScore +
      100 * experienceShare * saturate(candidate.yearsExperience, EXPERIENCE_SATURATION_YEARS) +
      100 * availabilityShare * saturate(candidate.freeSlotCount, AVAILABILITY_SATURATION_SLOTS),
  );
}

/** The best score a (therapist, technique) pair can reach: its availability saturated. */
export function matchScoreBound(
  suggestionScore: number,
  yearsExperience: number,
  pregnant: boolean,
): number {
  return matchScore(
    suggestionScore,
    { yearsExperience, freeSlotCount: AVAILABILITY_SATURATION_SLOTS },
    pregnant,
  );
}

/** What the ranking orders pairs by. */
export interface RankKey {
  score: number;
  /** The suggestion's position, 0 for the top one. */
  suggestionRank: number;
  yearsExperience: number;
  therapistId: string;
}

/**
 * The ranking's order, best first: the higher score, then the better suggestion, the more
 * experienced therapist, the therapist id, so the order is stable.
 */
export function compareRankKeys(a: RankKey, b: RankKey): number {
  return (
    b.score - a.score ||
    a.suggestionRank - b.suggestionRank ||
    b.yearsExperience - a.yearsExperience ||
    a.therapistId.localeCompare(b.therapistId)
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function experienceReason(years: number, pregnant: boolean): string {
  const whole = Math.floor(years);
  const experience =
    whole < 1 ? 'Less than a year of experience' : `${plural(whole, 'year')} of experience`;
  return pregnant ? `${experience}, which matters most during pregnancy` : experience;
}

function availabilityReason(freeSlotCount: number): string {
  return freeSlotCount > 0
    ? `${plural(freeSlotCount, 'free slot')} in your window`
    : 'No free slots in your window; try other dates';
}

/**
 * Prenatal massage needs the certification whoever books it; a pregnant client needs it for all.
 * MATCH_CANDIDATES_SQL filters the same way.
 */
export function qualifies(
  candidate: Pick<MatchCandidate, 'techniques' | 'hasPrenatalCertification'>,
  technique: TechniqueSlug,
  pregnant: boolean,
): boolean {
  if (!candidate.techniques.includes(technique)) return false;
  return candidate.hasPrenatalCertification || (!pregnant && technique !== 'prenatal');
}

/**
 * Every (therapist, technique) pair for the assessment's suggestions, best first (compareRankKeys).
 * A blocked intake has no suggestions, so it gets no matches.
 */
export function rankMatches(
  assessment: Assessment,
  candidates: readonly MatchCandidate[],
  options: { pregnant: boolean },
): RankedMatch[] {
  const { pregnant } = options;
  const matches = assessment.suggestions.flatMap((suggestion, suggestionRank) =>
    candidates
      .filter((candidate) => qualifies(candidate, suggestion.technique, pregnant))
      .map((candidate) => ({
        ...candidate,
        freeSlotCount:
          candidate.freeSlotCountByTechnique?.[suggestion.technique] ?? candidate.freeSlotCount,
      }))
      .map((candidate) => {
        const name = TECHNIQUE_NAMES[suggestion.technique];
        const reasons = [
          suggestionRank === 0
            ? `Offers ${name}, your top suggestion`
            : `Offers ${name}, your suggestion #${suggestionRank + 1}`,
          experienceReason(candidate.yearsExperience, pregnant),
          ...(candidate.hasPrenatalCertification &&
          (pregnant || suggestion.technique === 'prenatal')
            ? ['Certified in prenatal massage']
            : []),
          availabilityReason(candidate.freeSlotCount),
        ];
        const score = matchScore(suggestion.score, candidate, pregnant);
        return {
          match: {
            therapistId: candidate.therapistId,
            technique: suggestion.technique,
            score,
            reasons,
          },
          key: {
            score,
            suggestionRank,
            yearsExperience: candidate.yearsExperience,
            therapistId: candidate.therapistId,
          },
        };
      }),
  );
  return matches.sort((a, b) => compareRankKeys(a.key, b.key)).map(({ match }) => match);
}
