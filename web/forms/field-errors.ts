/** The errors of a submitted form, per field name, in the order the form shows its fields. */
export type FieldErrors = Record<string, string>;

/** The element id of a field (its input), from its form name: `lots` → `veld-lots`. */
export function fieldId(name: string): string {
  return `veld-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** The id of a field's error message, referenced by the input's aria-describedby. */
export function errorId(name: string): string {
  return `${fieldId(name)}-fout`;
}

export function descriptionId(name: string): string {
  return `${fieldId(name)}-uitleg`;
}
