/** Messages on a page: an alert, and the error summary at the top of a form that links to each field. */
import type { ReactNode } from 'react';
import { fieldId, type FieldErrors } from '../forms/field-errors';
import { usePage } from '../page-context';

export function Alert({ type, children }: { type: 'info' | 'ok' | 'warning' | 'error'; children: ReactNode }) {
  return (
    <div className={`utrecht-alert utrecht-alert--${type}`} role={type === 'error' ? 'alert' : 'status'}>
      <div className="utrecht-alert__content">
        <div className="utrecht-alert__message">{children}</div>
      </div>
    </div>
  );
}

/** Shown above a form that was refused: every error with a link to its field. */
export function ErrorSummary({ errors, labels }: { errors: FieldErrors; labels: Record<string, string> }) {
  const { t } = usePage();
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div className="utrecht-alert utrecht-alert--error regie-error-summary" role="alert" aria-labelledby="foutoverzicht-titel" tabIndex={-1} id="foutoverzicht">
      <div className="utrecht-alert__content">
        <h2 className="utrecht-heading-2" id="foutoverzicht-titel">
          {t('form.errorSummary', { count: entries.length })}
        </h2>
        <ul className="utrecht-unordered-list">
          {entries.map(([name, message]) => (
            <li key={name}>
              <a className="utrecht-link" href={`#${fieldId(name)}`}>
                {`${labels[name] ?? name}: ${message}`}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export function StatusBadge({ status, children }: { status: 'done' | 'open' | 'overdue' | 'planned' | 'cancelled'; children: ReactNode }) {
  return <span className={`utrecht-badge-status regie-status regie-status--${status}`}>{children}</span>;
}
