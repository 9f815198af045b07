import { amendContractSchema } from '../../domain/schemas/contract-actions';
import { recordMidtermDecisionSchema } from '../../domain/schemas/midterm';

const revision = {
  by: { role: 'contractManager', organisation: 'Gemeente Zaanstad' },
  description: 'Addendum 2: extra inzet schuldhulp',
  valueChangeCents: 120_000_00,
  effectiveDate: '2029-03-01',
};

describe('amendContractSchema', () => {
  it('still takes an amendment without a kind (a revision)', () => {
    const parsed = amendContractSchema.safeParse(revision);
    expect(parsed.success).toBe(true);
    expect(parsed.data?.kind).toBeUndefined();
    expect(amendContractSchema.safeParse({ ...revision, kind: 'revision' }).success).toBe(true);
  });

  it('takes a supplementary assignment with its theme and source', () => {
    const parsed = amendContractSchema.parse({ ...revision, kind: 'supplementaryAssignment', theme: '  Preventie jeugd ', source: 'nationalProgramme' });
    expect(parsed).toMatchObject({ kind: 'supplementaryAssignment', theme: 'Preventie jeugd', source: 'nationalProgramme' });
    expect(amendContractSchema.safeParse({ ...revision, kind: 'supplementaryAssignment' }).success).toBe(true);
  });

  it('refuses an unknown kind or source', () => {
    expect(amendContractSchema.safeParse({ ...revision, kind: 'bundle' }).error?.issues[0]?.path).toEqual(['kind']);
    expect(amendContractSchema.safeParse({ ...revision, kind: 'supplementaryAssignment', source: 'alderman' }).error?.issues[0]?.path).toEqual(['source']);
  });

  it('refuses a theme or source on a revision', () => {
    expect(amendContractSchema.safeParse({ ...revision, theme: 'Preventie jeugd' }).error?.issues.map((i) => i.path)).toEqual([['theme']]);
    expect(amendContractSchema.safeParse({ ...revision, kind: 'revision', source: 'municipalDepartment' }).error?.issues.map((i) => i.path)).toEqual([['source']]);
  });

  it('takes the legal ground of the change (Aw 2012 art. 2.163b-d); without one the workflow checks de minimis (art. 2.163b)', () => {
    expect(amendContractSchema.parse(revision).ground).toBeUndefined();
    expect(amendContractSchema.parse({ ...revision, ground: { basis: 'changeOption', changeOptionId: 'preventie' } }).ground).toEqual({ basis: 'changeOption', changeOptionId: 'preventie' });
    expect(amendContractSchema.safeParse({ ...revision, ground: { basis: 'additionalServices' } }).error?.issues[0]?.path).toEqual(['ground', 'reason']);
  });

  it('refuses an override: it is not a legal ground (Aw 2012 art. 2.163a), naming what to give instead', () => {
    const issue = amendContractSchema.safeParse({ ...revision, override: { reason: 'Spoed' } }).error?.issues[0];
    expect(issue?.path).toEqual(['override']);
    expect(issue?.message).toContain('ground.basis');
    const midterm = { by: revision.by, decision: 'revise', rationale: 'x', revision: { description: 'x', valueChangeCents: 1, effectiveDate: '2029-03-01' } };
    expect(recordMidtermDecisionSchema.safeParse({ ...midterm, override: { reason: 'x' } }).error?.issues[0]?.path).toEqual(['override']);
    expect(recordMidtermDecisionSchema.safeParse({ ...midterm, decision: 'continue', revision: undefined, ground: { basis: 'deMinimis' } }).error?.issues[0]?.path).toEqual(['ground']);
  });
});
