/**
 * Ending a contract before its end date, per VNG contractstandaard Wmo 1.3 (as described in
 * ../shared/DOMAIN.md, corrected 2026-12-01; the standard's own text could not be retrieved, see the
 * report of issue 10):
 * - art. 1.3.4: the contract chooses one option. Option 1 ('none'): no party may end it early (only
 *   via art. 1.4.2, 3.19.1, 3.22, 3.30.4). Option 2 ('commissioner'): the municipality may end it in
 *   writing with its notice of [n] calendar months, the provider may not. Option 3 ('both'): both may,
 *   each with its own notice. The earliest end date is the day of the notice plus the notice period.
 * - art. 1.4.2: a provider that refuses a revision may end the contract, with notice up to the date the
 *   change takes effect: it ends on that date.
 * Pure: the contract term workflow decides with these functions and sends the letter they write.
 */
import { addMonthsTo, daysBetween, type IsoDate } from './dates';
import type { Message } from './messages';
import type { ContractParty, EarlyTermination } from './schemas/contract-terms';

/**
 * Without a choice in the contract, no party may end it early (option 1): a right to end a
 * contract before its end date exists only where the contract gives it.
 */
export const DEFAULT_EARLY_TERMINATION: EarlyTermination = { option: 'none' };

export const EARLY_TERMINATION_ARTICLE = 'VNG contractstandaard Wmo art. 1.3.4';
export const REVISION_REFUSAL_ARTICLE = 'VNG contractstandaard Wmo art. 1.4.2';

export const partyLabels: Record<ContractParty, string> = { commissioner: 'opdrachtgever', provider: 'opdrachtnemer' };

/** The notice a party must give under the contract's option, in calendar months; undefined when it may not end early. */
export function noticeMonthsOf(option: EarlyTermination, party: ContractParty): number | undefined {
  switch (option.option) {
    case 'none':
      return undefined;
    case 'commissioner':
      return party === 'commissioner' ? option.commissionerNoticeMonths : undefined;
    case 'both':
      return party === 'commissioner' ? option.commissionerNoticeMonths : option.providerNoticeMonths;
  }
}

export type EarlyEndAssessment =
  | { allowed: true; earliestEndDate: IsoDate; noticeMonths: number; article: string }
  | { allowed: false; field: 'by' | 'endDate'; reason: string; earliestEndDate?: IsoDate };

/**
 * May `party` end the contract on `endDate`, giving notice today? The end date lies before the
 * planned end and no earlier than today plus the party's notice (art. 1.3.4).
 */
export function assessEarlyEnd(option: EarlyTermination, party: ContractParty, today: IsoDate, endDate: IsoDate, plannedEnd: IsoDate): EarlyEndAssessment {
  const notice = noticeMonthsOf(option, party);
  if (notice === undefined) {
    const why =
      option.option === 'none'
        ? 'het contract kent geen tussentijdse opzegging (optie 1): alleen via art. 1.4.2, 3.19.1, 3.22 of 3.30.4'
        : `alleen de opdrachtgever mag tussentijds opzeggen (optie 2), de ${partyLabels[party]} niet`;
    return {
      allowed: false,
      field: 'by',
      reason: `Tussentijds beëindigen is niet toegestaan: ${why} (${EARLY_TERMINATION_ARTICLE}). / Ending early is not allowed for the ${party} under the contract's option '${option.option}' (${EARLY_TERMINATION_ARTICLE}).`,
    };
  }
  const earliest = addMonthsTo(today, notice);
  if (daysBetween(endDate, plannedEnd) <= 0) {
    return { allowed: false, field: 'endDate', earliestEndDate: earliest, reason: `${endDate} ligt niet vóór het geplande einde ${plannedEnd}. / ${endDate} is not before the planned end ${plannedEnd}.` };
  }
  if (endDate < earliest) {
    return {
      allowed: false,
      field: 'endDate',
      earliestEndDate: earliest,
      reason:
        `De ${partyLabels[party]} zegt op met een opzegtermijn van ${notice} kalendermaanden: op zijn vroegst per ${earliest}, niet ${endDate} ` +
        `(${EARLY_TERMINATION_ARTICLE}). / The ${party} gives ${notice} calendar months' notice: ${earliest} at the earliest, not ${endDate}.`,
    };
  }
  return { allowed: true, earliestEndDate: earliest, noticeMonths: notice, article: EARLY_TERMINATION_ARTICLE };
}

/**
 * Art. 1.4.2: a provider that refuses a revision ends the contract on the day the change would take
 * effect; not later than the planned end, and not in the past (a refusal given after that day ends
 * the contract the day it is given).
 */
export function revisionRefusalEndDate(effectiveDate: IsoDate, plannedEnd: IsoDate, today: IsoDate): IsoDate {
  const end = effectiveDate < today ? today : effectiveDate;
  return end < plannedEnd ? end : plannedEnd;
}

export interface EndLetterInput {
  contractTitle: string;
  /** The party that ends the contract, and its organisation. */
  from: { party: ContractParty; organisation: string };
  to: { party: ContractParty; organisation: string };
  endDate: IsoDate;
  decidedOn: IsoDate;
  reason: string;
  article: string;
}

/** The written notice to the other party (art. 1.3.4: "schriftelijk"), as a mail. */
export function endLetter(input: EndLetterInput): Message {
  return {
    subject: `[regie] Beëindiging overeenkomst ${input.contractTitle} per ${input.endDate}`,
    text:
      `Aan ${input.to.organisation} (${partyLabels[input.to.party]}),\n\n` +
      `Hierbij deelt ${input.from.organisation} (${partyLabels[input.from.party]}) u mee dat de overeenkomst ` +
      `"${input.contractTitle}" eindigt per ${input.endDate}.\n` +
      `Besluit van ${input.decidedOn}, op grond van ${input.article}.\n` +
      `Reden: ${input.reason}\n\n` +
      `Lopende taken en verantwoordingscycli van deze overeenkomst worden per de einddatum afgesloten.\n\n— regie`,
  };
}
