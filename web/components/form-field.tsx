/**
 * Form fields with a label, an optional description and their error right next to them, linked with
 * aria-describedby; the input is marked aria-invalid when it has an error.
 */
import type { ReactNode } from 'react';
import { descriptionId, errorId, fieldId, type FieldErrors } from '../forms/field-errors';

interface FieldProps {
  name: string;
  label: string;
  description?: string;
  errors?: FieldErrors;
  required?: boolean;
}

function describedBy(name: string, description: string | undefined, error: string | undefined): string | undefined {
  const ids = [description ? descriptionId(name) : undefined, error ? errorId(name) : undefined].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function FieldFrame({ name, label, description, error, children }: { name: string; label: string; description?: string; error?: string; children: ReactNode }) {
  return (
    <div className={`utrecht-form-field utrecht-form-field--distanced${error ? ' utrecht-form-field--invalid' : ''}`}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={fieldId(name)}>
          {label}
        </label>
      </div>
      {description ? (
        <div className="utrecht-form-field__description utrecht-form-field-description" id={descriptionId(name)}>
          {description}
        </div>
      ) : null}
      {error ? (
        <div className="utrecht-form-field__error-message utrecht-form-field-error-message" id={errorId(name)}>
          {error}
        </div>
      ) : null}
      <div className="utrecht-form-field__input">{children}</div>
    </div>
  );
}

export function TextField({ name, label, description, errors, required, value, type = 'text', inputMode, autoComplete }: FieldProps & { value?: string; type?: 'text' | 'email' | 'date' | 'number' | 'url'; inputMode?: 'numeric' | 'decimal'; autoComplete?: string }) {
  const error = errors?.[name];
  return (
    <FieldFrame name={name} label={label} description={description} error={error}>
      <input
        className={`utrecht-textbox utrecht-textbox--html-input${error ? ' utrecht-textbox--invalid' : ''}`}
        id={fieldId(name)}
        name={name}
        type={type}
        defaultValue={value}
        required={required}
        inputMode={inputMode}
        autoComplete={autoComplete}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, description, error)}
      />
    </FieldFrame>
  );
}

export function TextAreaField({ name, label, description, errors, required, value, rows = 4 }: FieldProps & { value?: string; rows?: number }) {
  const error = errors?.[name];
  return (
    <FieldFrame name={name} label={label} description={description} error={error}>
      <textarea
        className={`utrecht-textarea utrecht-textarea--html-textarea${error ? ' utrecht-textarea--invalid' : ''}`}
        id={fieldId(name)}
        name={name}
        rows={rows}
        defaultValue={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, description, error)}
      />
    </FieldFrame>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({ name, label, description, errors, required, value, options }: FieldProps & { value?: string; options: Option[] }) {
  const error = errors?.[name];
  return (
    <FieldFrame name={name} label={label} description={description} error={error}>
      <select
        className={`utrecht-select utrecht-select--html-select${error ? ' utrecht-select--invalid' : ''}`}
        id={fieldId(name)}
        name={name}
        defaultValue={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, description, error)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function CheckboxField({ name, label, description, errors, checked }: FieldProps & { checked: boolean }) {
  const error = errors?.[name];
  return (
    <div className={`utrecht-form-field utrecht-form-field--checkbox utrecht-form-field--distanced${error ? ' utrecht-form-field--invalid' : ''}`}>
      <div className="utrecht-form-field__input">
        <input
          className="utrecht-checkbox utrecht-checkbox--html-input"
          type="checkbox"
          id={fieldId(name)}
          name={name}
          value="ja"
          defaultChecked={checked}
          aria-describedby={describedBy(name, description, error)}
          aria-invalid={error ? true : undefined}
        />
      </div>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={fieldId(name)}>
          {label}
        </label>
      </div>
      {description ? (
        <div className="utrecht-form-field__description utrecht-form-field-description" id={descriptionId(name)}>
          {description}
        </div>
      ) : null}
      {error ? (
        <div className="utrecht-form-field__error-message utrecht-form-field-error-message" id={errorId(name)}>
          {error}
        </div>
      ) : null}
    </div>
  );
}

export function SubmitButton({ children, name, value, secondary }: { children: ReactNode; name?: string; value?: string; secondary?: boolean }) {
  return (
    <button type="submit" name={name} value={value} className={`utrecht-button ${secondary ? 'utrecht-button--secondary-action' : 'utrecht-button--primary-action'}`}>
      {children}
    </button>
  );
}
