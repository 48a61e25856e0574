// A share recalled with its uncertainty, and how a class figure is withheld when too few students
// stand behind it. Pure; shared by the retention series and the calibration bins.

const Z_95 = 1.959964;

/** Reviews and how many were recalled; `students` (distinct, or at least that many) when the tally is of a class. */
export interface Count {
  reviews: number;
  recalled: number;
  students?: number;
  /** A sum of withheld cells only: withheld in turn. */
  withheld?: boolean;
}

/** The 95 % Wilson score interval of a proportion; null without trials. */
export function wilsonInterval(successes: number, trials: number, z = Z_95): [number, number] | null {
  if (trials <= 0) return null;
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** A share recalled, or a withheld one (a class figure backed by too few students). */
export type RatePoint =
  { hidden: false; reviews: number; recalled: number; rate: number | null; interval: [number, number] | null; students: number | null } | { hidden: true };

/** True when a class figure must not be shown: it has reviews from fewer than `minStudents` students, or only withheld parts. */
export function withheld(count: Count | undefined, minStudents: number | undefined): boolean {
  if (minStudents === undefined || !count) return false;
  return count.withheld === true || (count.reviews > 0 && (count.students ?? 0) < minStudents);
}

/** Adds `part` into `sum` (students: the most of any part, a lower bound of the distinct students). */
export function addCount<T extends Count>(sum: T, part: Count): T {
  sum.reviews += part.reviews;
  sum.recalled += part.recalled;
  if (part.students !== undefined) sum.students = Math.max(sum.students ?? 0, part.students);
  return sum;
}

export function ratePoint(count: Count | undefined, minStudents?: number): RatePoint {
  if (withheld(count, minStudents)) return { hidden: true };
  const reviews = count?.reviews ?? 0;
  const recalled = count?.recalled ?? 0;
  return {
    hidden: false,
    reviews,
    recalled,
    rate: reviews > 0 ? recalled / reviews : null,
    interval: wilsonInterval(recalled, reviews),
    students: count?.students ?? null,
  };
}
