import { assessEarlyEnd, endLetter, noticeMonthsOf, revisionRefusalEndDate } from '../../domain/early-end';
import { contractTermsSchema, earlyTerminationSchema } from '../../domain/schemas/contract-terms';
import { DEFAULT_EARLY_TERMINATION } from '../../domain/early-end';

const today = '2029-03-15';
const plannedEnd = '2034-12-31';
const option2 = { option: 'commissioner', commissionerNoticeMonths: 6 } as const;
const option3 = { option: 'both', commissionerNoticeMonths: 3, providerNoticeMonths: 9 } as const;

describe('ending a contract early (VNG contractstandaard Wmo art. 1.3.4, 1.4.2)', () => {
  it('art. 1.3.4 option 1: no party may end early, refused on by', () => {
    for (const party of ['commissioner', 'provider'] as const) {
      const result = assessEarlyEnd({ option: 'none' }, party, today, '2031-01-01', plannedEnd);
      expect(result).toMatchObject({ allowed: false, field: 'by' });
      expect(!result.allowed && result.reason).toContain('art. 1.3.4');
    }
  });

  it('art. 1.3.4 option 2: the municipality with its notice; the provider may not', () => {
    expect(assessEarlyEnd(option2, 'commissioner', today, '2029-09-15', plannedEnd)).toEqual({ allowed: true, earliestEndDate: '2029-09-15', noticeMonths: 6, article: 'VNG contractstandaard Wmo art. 1.3.4' });
    const early = assessEarlyEnd(option2, 'commissioner', today, '2029-09-14', plannedEnd);
    expect(early).toMatchObject({ allowed: false, field: 'endDate', earliestEndDate: '2029-09-15' });
    expect(!early.allowed && early.reason).toContain('6 kalendermaanden');
    expect(assessEarlyEnd(option2, 'provider', today, '2031-01-01', plannedEnd)).toMatchObject({ allowed: false, field: 'by' });
  });

  it('art. 1.3.4 option 3: both parties, each with its own notice', () => {
    expect(noticeMonthsOf(option3, 'commissioner')).toBe(3);
    expect(noticeMonthsOf(option3, 'provider')).toBe(9);
    expect(assessEarlyEnd(option3, 'commissioner', today, '2029-06-15', plannedEnd)).toMatchObject({ allowed: true });
    expect(assessEarlyEnd(option3, 'provider', today, '2029-06-15', plannedEnd)).toMatchObject({ allowed: false, field: 'endDate', earliestEndDate: '2029-12-15' });
    expect(assessEarlyEnd(option3, 'provider', today, '2029-12-15', plannedEnd)).toMatchObject({ allowed: true, noticeMonths: 9 });
  });

  it('art. 1.3.4: an early end lies before the planned end', () => {
    expect(assessEarlyEnd(option2, 'commissioner', today, plannedEnd, plannedEnd)).toMatchObject({ allowed: false, field: 'endDate' });
  });

  it('art. 1.3.4: without a choice in the contract, option 1 applies', () => {
    expect(DEFAULT_EARLY_TERMINATION).toEqual({ option: 'none' });
    expect(contractTermsSchema.parse({}).earlyTermination).toBeUndefined();
    expect(earlyTerminationSchema.safeParse({ option: 'commissioner' }).success).toBe(false);
    expect(earlyTerminationSchema.safeParse({ option: 'both', commissionerNoticeMonths: 3 }).success).toBe(false);
  });

  it('art. 1.4.2: a provider refusing a revision ends the contract on the day the change takes effect', () => {
    expect(revisionRefusalEndDate('2029-07-01', plannedEnd, today)).toBe('2029-07-01');
    expect(revisionRefusalEndDate('2035-07-01', plannedEnd, today)).toBe(plannedEnd);
    expect(revisionRefusalEndDate('2029-03-01', plannedEnd, today)).toBe(today); // refused after the change took effect
  });

  it('art. 1.3.4: the end is given in writing: a letter naming the end date, the article and the reason', () => {
    const letter = endLetter({
      contractTitle: 'Sociale Wijkteams Zaanstad, perceel Noord',
      from: { party: 'commissioner', organisation: 'Gemeente Zaanstad' },
      to: { party: 'provider', organisation: 'DOCK' },
      endDate: '2029-09-15',
      decidedOn: today,
      reason: 'Herinrichting sociaal domein',
      article: 'VNG contractstandaard Wmo art. 1.3.4',
    });
    expect(letter.subject).toContain('2029-09-15');
    expect(letter.text).toContain('Aan DOCK (opdrachtnemer)');
    expect(letter.text).toContain('Gemeente Zaanstad (opdrachtgever)');
    expect(letter.text).toContain('art. 1.3.4');
    expect(letter.text).toContain('Herinrichting sociaal domein');
  });
});
