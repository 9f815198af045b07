/** The backward plan of a tender before it is launched, and the legal periods it keeps with their sources. */
import type { LegalMinimum } from '../../domain/legal-rules';
import type { TenderPlan } from '../../domain/tender-plan';
import { formatDate } from '../format';
import { usePage } from '../page-context';
import { Table } from './table';

export function LegalPeriods({ rules }: { rules: LegalMinimum[] }) {
  const { t } = usePage();
  if (rules.length === 0) return <p className="utrecht-paragraph">{t('tenders.legal.none')}</p>;
  return (
    <ul className="utrecht-unordered-list" data-testid="legal-periods">
      {rules.map((rule) => (
        <li key={rule.id}>
          {t('tenders.legal.rule', { description: rule.description, days: rule.minDays })}{' '}
          <span className="regie-source">({t(rule.basis === 'law' ? 'tenders.legal.sourceLaw' : 'tenders.legal.sourceDocuments', { source: rule.source })})</span>
        </li>
      ))}
    </ul>
  );
}

export function PlanPreview({ plan }: { plan: TenderPlan }) {
  const { t, locale } = usePage();
  return (
    <section aria-labelledby="planning-titel" id="planning" data-testid="plan-preview">
      <h2 className="utrecht-heading-2" id="planning-titel">
        {t('tenders.plan.title')}
      </h2>
      <p className="utrecht-paragraph">{t('tenders.plan.intro', { launch: formatDate(plan.launchDate, locale), start: formatDate(plan.contractStart, locale) })}</p>
      <Table
        caption={t('tenders.plan.caption')}
        rows={plan.milestones}
        rowKey={(m) => m.key}
        empty=""
        columns={[
          { header: t('tenders.plan.step'), rowHeader: true, cell: (m) => t(`steps.${m.key}`) },
          { header: t('tenders.plan.owner'), cell: (m) => t(`roles.${m.ownerRole}`) },
          { header: t('tenders.plan.due'), cell: (m) => formatDate(m.dueDate, locale) },
          { header: t('tenders.plan.minimumDays'), numeric: true, cell: (m) => String(m.minimumDaysAfterPrevious) },
        ]}
      />
      <h3 className="utrecht-heading-3">{t('tenders.plan.legalTitle')}</h3>
      <LegalPeriods rules={plan.legalMinimums} />
    </section>
  );
}
