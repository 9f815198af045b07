import { bundlingMoments } from '../../domain/supplementary/bundling-moments';
import { DEFAULT_SUPPLEMENTARY_SETTINGS } from '../../domain/supplementary/settings';

describe('bundling moments: per budget year, on the settings\' day of the year before', () => {
  it('by default before the spring note (1 March of the year before the budget year), every one in the range', () => {
    expect(bundlingMoments('2027-01-01', '2030-12-31', DEFAULT_SUPPLEMENTARY_SETTINGS.bundlingMonthDay)).toEqual([
      { year: 2028, dueDate: '2027-03-01' },
      { year: 2029, dueDate: '2028-03-01' },
      { year: 2030, dueDate: '2029-03-01' },
      { year: 2031, dueDate: '2030-03-01' },
    ]);
  });

  it('includes both ends of the range and nothing outside it', () => {
    expect(bundlingMoments('2027-03-01', '2029-03-01', '03-01').map((m) => m.dueDate)).toEqual(['2027-03-01', '2028-03-01', '2029-03-01']);
    expect(bundlingMoments('2027-03-02', '2029-02-28', '03-01').map((m) => m.year)).toEqual([2029]);
    expect(bundlingMoments('2027-03-02', '2027-12-31', '03-01')).toEqual([]);
  });

  it('with another day, e.g. in the autumn before the budget year', () => {
    expect(bundlingMoments('2027-06-01', '2028-12-31', '11-15')).toEqual([
      { year: 2028, dueDate: '2027-11-15' },
      { year: 2029, dueDate: '2028-11-15' },
    ]);
  });

  it('a day the month lacks falls on its last day (29 February in a common year)', () => {
    expect(bundlingMoments('2027-01-01', '2028-12-31', '02-29').map((m) => m.dueDate)).toEqual(['2027-02-28', '2028-02-29']);
    expect(bundlingMoments('2027-01-01', '2027-12-31', '04-31').map((m) => m.dueDate)).toEqual(['2027-04-30']);
    expect(() => bundlingMoments('2027-01-01', '2027-12-31', '3-1')).toThrow(RangeError);
  });
});
