/**
 * Spending against a calendar year's spending cap (bestedingsruimte), VNG contractstandaard Wmo 1.3
 * art. 1.5.7: "Als 70% van de bestedingsruimte is benut of overschrijding dreigt, meldt Opdrachtgever
 * dit schriftelijk aan Opdrachtnemer. Binnen 2 weken overleggen Partijen over een oplossing. [...]
 * Binnen 2 weken beslist Opdrachtgever of de ruimte wordt aangepast." A threatened overrun below 70%
 * is a judgement, not a figure: it is not detected here. The cap runs per calendar year (art. 1.5.3 a-b).
 *
 * Pure: the contract term workflow calls it when spending is recorded.
 */
import { addDaysTo, type IsoDate } from '../dates';
import type { SupplementaryYear } from './types';

/** The citation of the 70% notification, the consultation and the decision. */
export const SPENDING_CAP_ARTICLE = 'VNG contractstandaard Wmo art. 1.5.7';
/** Art. 1.5.7: at 70% of the cap used the municipality notifies the provider in writing. */
export const SPENDING_CAP_ALERT_PERCENT = 70;
/** Art. 1.5.7: the parties consult on a solution within 2 weeks of the notification. */
export const CAP_CONSULTATION_DAYS = 14;
/** Art. 1.5.7: within 2 weeks (after the consultation) the municipality decides whether the cap changes. */
export const CAP_DECISION_DAYS = 14;

/**
 * The year after spending `amountCents` on `today`: the new total, with a cap its share of the cap
 * (percent, 1 decimal), and the alert when the total reaches 70% of the cap (compared exactly, in
 * cents) and the year has no alert yet: the notification goes out once a year. An amount of 0 checks a
 * newly set or lowered cap against what was spent already.
 */
export function spendingAfter(
  year: SupplementaryYear,
  amountCents: number,
  today: IsoDate,
): { spentCents: number; percent?: number; alert?: NonNullable<SupplementaryYear['capAlert']> } {
  const spentCents = year.spentCents + amountCents;
  if (!year.spendingCap) return { spentCents };
  const capCents = year.spendingCap.capCents;
  const percent = Math.round((spentCents * 1000) / capCents) / 10;
  if (year.capAlert || spentCents * 100 < capCents * SPENDING_CAP_ALERT_PERCENT) return { spentCents, percent };
  const consultationDue = addDaysTo(today, CAP_CONSULTATION_DAYS);
  return { spentCents, percent, alert: { reachedOn: today, percent, consultationDue, decisionDue: addDaysTo(consultationDue, CAP_DECISION_DAYS) } };
}
