/**
 * Where everything of a contract's term goes in its picture: a horizontal time axis from the start to the
 * end of the last extension option, with the years, the accountability periods, the midterm review, the
 * notice deadline, the options and every dated item by status. Pure: the SVG component only draws this.
 */
import { addMonthsTo, daysBetween, type IsoDate } from '../../domain/dates';
import type { ContractTimelineItem } from '../../workflows/contract-term/contract-definitions';

export interface TermPictureInput {
  startDate: IsoDate;
  endDate: IsoDate;
  /** Months between accountability periods (3 quarterly, 6 half-yearly, 12 yearly). */
  periodMonths: number;
  extensionOptions: { count: number; monthsEach: number };
  items: ContractTimelineItem[];
  today: IsoDate;
}

export const PICTURE = { width: 960, left: 24, right: 24, axisY: 56, barY: 70, barHeight: 28, periodY: 108, periodHeight: 14, itemY: 150, height: 200 } as const;

export interface TermLayout {
  /** The x of a date. */
  x: (date: IsoDate) => number;
  end: IsoDate;
  years: { label: string; x: number }[];
  term: { x: number; width: number };
  extensions: { x: number; width: number; index: number; from: IsoDate; to: IsoDate }[];
  periods: { x: number; width: number; index: number; from: IsoDate; to: IsoDate }[];
  midterm?: { x: number; date: IsoDate };
  notice?: { x: number; date: IsoDate };
  today?: { x: number; date: IsoDate };
  items: (ContractTimelineItem & { x: number; row: number })[];
}

export function layoutTerm(input: TermPictureInput): TermLayout {
  const { startDate, endDate, extensionOptions, periodMonths, items, today } = input;
  const end = extensionOptions.count > 0 ? addMonthsTo(endDate, extensionOptions.count * extensionOptions.monthsEach) : endDate;
  const span = Math.max(1, daysBetween(startDate, end));
  const inner = PICTURE.width - PICTURE.left - PICTURE.right;
  const x = (date: IsoDate) => PICTURE.left + (Math.min(Math.max(daysBetween(startDate, date), 0), span) / span) * inner;
  const width = (from: IsoDate, to: IsoDate) => Math.max(1, x(to) - x(from));

  const years: TermLayout['years'] = [];
  for (let year = Number(startDate.slice(0, 4)) + (startDate.slice(5) === '01-01' ? 0 : 1); `${year}-01-01` <= end; year++) {
    years.push({ label: String(year), x: x(`${year}-01-01`) });
  }
  const extensions = Array.from({ length: extensionOptions.count }, (_, i) => {
    const from = addMonthsTo(endDate, i * extensionOptions.monthsEach);
    const to = addMonthsTo(endDate, (i + 1) * extensionOptions.monthsEach);
    return { x: x(from), width: width(from, to), index: i + 1, from, to };
  });
  const periods: TermLayout['periods'] = [];
  for (let i = 0, from = startDate; from < endDate && i < 200; i++) {
    const next = addMonthsTo(startDate, (i + 1) * periodMonths);
    const to = next < endDate ? next : endDate;
    periods.push({ x: x(from), width: width(from, to), index: i + 1, from, to });
    from = next;
  }
  const single = (kind: ContractTimelineItem['kind']) => {
    const item = items.find((i) => i.kind === kind);
    return item ? { x: x(item.date), date: item.date } : undefined;
  };
  // Items on the same day stack, so none hides another.
  const perDay = new Map<string, number>();
  const placed = [...items]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((item) => {
      const row = perDay.get(item.date) ?? 0;
      perDay.set(item.date, row + 1);
      return { ...item, x: x(item.date), row };
    });
  return {
    x,
    end,
    years,
    term: { x: x(startDate), width: width(startDate, endDate) },
    extensions,
    periods,
    midterm: single('midtermReview'),
    notice: single('noticeDeadline'),
    today: today >= startDate && today <= end ? { x: x(today), date: today } : undefined,
    items: placed,
  };
}
