import {
  directoryDay,
  endProblem,
  isValidOn,
  overlaps,
  periodProblem,
  reassignment,
  roleMismatch,
  rolesOfKind,
  uniqueAddresses,
} from '../../domain/directory';
import { seedingDay } from '../../activities/record-directory';

describe('role directory rules', () => {
  it('lets a municipality and a purchasing body assign commissioner roles, a provider provider roles, and everyone an administrator', () => {
    expect(roleMismatch('contractManager', 'municipality')).toBeUndefined();
    expect(roleMismatch('procurementOfficer', 'purchasingBody')).toBeUndefined();
    expect(roleMismatch('contractContact', 'provider')).toBeUndefined();
    for (const kind of ['municipality', 'purchasingBody', 'provider'] as const) expect(rolesOfKind(kind)).toContain('administrator');
    expect(roleMismatch('contractContact', 'municipality')).toMatch(/contractContact is not a role of a municipality/);
    expect(roleMismatch('contractManager', 'provider')).toMatch(/not a role of a provider; it has contractContact, teamLead, director, administrator/);
  });

  it('counts both the first and the last day of an assignment, and an open end as for ever', () => {
    const period = { validFrom: '2027-01-01', validUntil: '2027-03-31' };
    expect(isValidOn(period, '2026-12-31')).toBe(false);
    expect(isValidOn(period, '2027-01-01')).toBe(true);
    expect(isValidOn(period, '2027-03-31')).toBe(true);
    expect(isValidOn(period, '2027-04-01')).toBe(false);
    expect(isValidOn({ validFrom: '2027-01-01', validUntil: null }, '2099-01-01')).toBe(true);
  });

  it('sees two periods overlap when they share a single day', () => {
    expect(overlaps({ validFrom: '2027-01-01', validUntil: '2027-01-31' }, { validFrom: '2027-01-31', validUntil: null })).toBe(true);
    expect(overlaps({ validFrom: '2027-01-01', validUntil: '2027-01-30' }, { validFrom: '2027-01-31', validUntil: null })).toBe(false);
    expect(overlaps({ validFrom: '2027-02-01', validUntil: null }, { validFrom: '2027-01-01', validUntil: null })).toBe(true);
  });

  it('refuses a period that ends before it starts, naming validUntil', () => {
    expect(periodProblem({ validFrom: '2027-01-02', validUntil: '2027-01-01' })).toEqual({ field: 'validUntil', message: 'must be on or after validFrom (2027-01-02)' });
    expect(periodProblem({ validFrom: '2027-01-02', validUntil: '2027-01-02' })).toBeUndefined();
  });

  it('ends an assignment at the earliest the day before it started, and never later than it already ends', () => {
    const period = { validFrom: '2027-01-10', validUntil: '2027-06-30' };
    expect(endProblem(period, '2027-01-09')).toBeUndefined();
    expect(endProblem(period, '2027-01-08')).toMatch(/on or after the day before validFrom \(2027-01-09\)/);
    expect(endProblem(period, '2027-07-01')).toMatch(/already ends on 2027-06-30/);
  });

  it('hands a role over on a day: the old holder until the day before, the new one as long as the old would have', () => {
    expect(reassignment({ validFrom: '2027-01-01', validUntil: null }, '2027-05-01')).toEqual({
      oldUntil: '2027-04-30',
      next: { validFrom: '2027-05-01', validUntil: null },
    });
    expect(reassignment({ validFrom: '2027-01-01', validUntil: '2027-12-31' }, '2027-03-01')).toEqual({
      oldUntil: '2027-02-28',
      next: { validFrom: '2027-03-01', validUntil: '2027-12-31' },
    });
    expect(reassignment({ validFrom: '2027-01-01', validUntil: '2027-02-28' }, '2027-03-01')).toEqual({ problem: 'the assignment already ends on 2027-02-28' });
    expect(reassignment({ validFrom: '2027-01-01', validUntil: null }, '2026-12-31')).toEqual({ problem: "must be on or after the assignment's validFrom (2027-01-01)" });
  });

  it('takes the Dutch calendar day: 23:30 UTC on 31 December is already New Year in Amsterdam', () => {
    expect(directoryDay(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(directoryDay(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(directoryDay(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
  });

  it('keeps each address once, lower case, in the order first seen', () => {
    expect(uniqueAddresses(['B@x.example', 'a@x.example', 'b@X.example'])).toEqual(['b@x.example', 'a@x.example']);
  });

  it('seeds an assignment from the day of its record, but never from a day after it is written', () => {
    const now = new Date('2026-12-02T10:00:00Z');
    expect(seedingDay('2026-11-30T09:00:00.000Z', now)).toBe('2026-11-30');
    expect(seedingDay('2027-06-01T07:00:00.000Z', now)).toBe('2026-12-02');
    expect(seedingDay('2026-12-01T23:30:00.000Z', now)).toBe('2026-12-02');
  });
});
