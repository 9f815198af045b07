/**
 * A contract's whole term as a picture (SVG): years, the term and its extension options, accountability
 * periods, the midterm review, the notice deadline, today, and every dated item coloured and shaped by its
 * status (done, open, overdue, planned, cancelled). The picture has a title and a description for screen
 * readers; the same items are in the table next to it (web/pages/contract-page.tsx).
 */
import { formatDate } from '../format';
import { usePage } from '../page-context';
import { layoutTerm, PICTURE, type TermPictureInput } from './term-layout';

const ITEM_SHAPE_SIZE = 5;

function ItemMark({ x, y, status }: { x: number; y: number; status: string }) {
  const s = ITEM_SHAPE_SIZE;
  const className = `item-${status === 'planned' ? 'open' : status}`;
  // Shape as well as colour tells the status apart (WCAG 1.4.1: not by colour alone).
  if (status === 'done') return <circle className={className} cx={x} cy={y} r={s} />;
  if (status === 'overdue') return <polygon className={className} points={`${x},${y - s - 1} ${x + s + 1},${y + s} ${x - s - 1},${y + s}`} />;
  if (status === 'planned') return <circle className="item-open" cx={x} cy={y} r={s - 1} fill="#ffffff" stroke="#0b3a6e" strokeWidth={2} />;
  if (status === 'cancelled') return <rect className={className} x={x - s + 1} y={y - 1} width={2 * s - 2} height={3} />;
  return <rect className={className} x={x - s} y={y - s} width={2 * s} height={2 * s} />;
}

export function TermPicture({ input }: { input: TermPictureInput }) {
  const { t, locale } = usePage();
  const layout = layoutTerm(input);
  const counts = (status: string) => input.items.filter((i) => i.status === status).length;
  const description = t('contract.picture.description', {
    start: formatDate(input.startDate, locale),
    end: formatDate(input.endDate, locale),
    extensions: input.extensionOptions.count,
    months: input.extensionOptions.monthsEach,
    periods: layout.periods.length,
    midterm: layout.midterm ? formatDate(layout.midterm.date, locale) : '-',
    notice: layout.notice ? formatDate(layout.notice.date, locale) : '-',
    done: counts('done'),
    open: counts('open'),
    overdue: counts('overdue'),
    planned: counts('planned'),
  });
  return (
    <figure className="regie-term-figure">
      <svg className="regie-term-picture" viewBox={`0 0 ${PICTURE.width} ${PICTURE.height}`} role="img" aria-labelledby="looptijd-titel looptijd-beschrijving" data-testid="term-picture">
        <title id="looptijd-titel">{t('contract.picture.title')}</title>
        <desc id="looptijd-beschrijving">{description}</desc>
        {layout.years.map((y) => (
          <g key={y.label}>
            <line className="year-line" x1={y.x} x2={y.x} y1={PICTURE.axisY - 16} y2={PICTURE.height - 10} />
            <text x={y.x + 3} y={PICTURE.axisY - 4}>
              {y.label}
            </text>
          </g>
        ))}
        <rect className="term-bar" x={layout.term.x} y={PICTURE.barY} width={layout.term.width} height={PICTURE.barHeight} />
        <text x={layout.term.x + 6} y={PICTURE.barY + 18}>
          {t('contract.picture.term')}
        </text>
        {layout.extensions.map((e) => (
          <g key={e.index} data-testid="extension-option">
            <rect className="extension-bar" x={e.x} y={PICTURE.barY} width={e.width} height={PICTURE.barHeight} />
            <text x={e.x + 4} y={PICTURE.barY + 18}>
              {t('contract.picture.option', { index: e.index })}
            </text>
          </g>
        ))}
        {layout.periods.map((p) => (
          <rect key={p.index} className="period" x={p.x} y={PICTURE.periodY} width={p.width} height={PICTURE.periodHeight} data-testid="accountability-period" />
        ))}
        {layout.midterm ? (
          <g data-testid="midterm-marker">
            <line className="marker-midterm" x1={layout.midterm.x} x2={layout.midterm.x} y1={PICTURE.barY - 6} y2={PICTURE.periodY + PICTURE.periodHeight + 4} />
            <text x={layout.midterm.x + 4} y={PICTURE.barY - 8}>
              {t('contract.picture.midterm')}
            </text>
          </g>
        ) : null}
        {layout.notice ? (
          <g data-testid="notice-marker">
            <line className="marker-notice" x1={layout.notice.x} x2={layout.notice.x} y1={PICTURE.barY - 6} y2={PICTURE.periodY + PICTURE.periodHeight + 4} />
            <text x={layout.notice.x - 4} y={PICTURE.periodY + PICTURE.periodHeight + 18} textAnchor="end">
              {t('contract.picture.notice')}
            </text>
          </g>
        ) : null}
        {layout.today ? <line className="marker-today" x1={layout.today.x} x2={layout.today.x} y1={PICTURE.axisY - 16} y2={PICTURE.height - 10} data-testid="today-marker" /> : null}
        {layout.items.map((item) => (
          <g key={item.key} data-testid="term-item" data-status={item.status}>
            <title>{`${t(`milestones.${item.kind}`)}: ${formatDate(item.date, locale)}, ${t(`status.${item.status}`)}`}</title>
            <ItemMark x={item.x} y={PICTURE.itemY + item.row * 12} status={item.status} />
          </g>
        ))}
      </svg>
      <figcaption>
        <ul className="regie-legend">
          {(['done', 'open', 'overdue', 'planned', 'cancelled'] as const).map((status) => (
            <li key={status}>
              <svg width="14" height="14" viewBox="-7 -7 14 14" aria-hidden="true" focusable="false">
                <ItemMark x={0} y={0} status={status} />
              </svg>{' '}
              {t(`status.${status}`)}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
