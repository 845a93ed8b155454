import type { FieldError } from '@/lib/api-client';

/**
 * Sort a problem document's `errors` onto the form's fields. The API may name nested fields
 * ("ssh_keys[1]", "ssh_keys.1"): they belong to their top-level field. Anything the form does
 * not show is returned in `other`, so no message is lost.
 */
export function mapFieldErrors<F extends string>(
  errors: FieldError[],
  fields: readonly F[],
): { byField: Partial<Record<F, string>>; other: string[] } {
  const byField: Partial<Record<F, string>> = {};
  const other: string[] = [];
  for (const { field, message } of errors) {
    const base = (field ?? '').split(/[.[]/)[0] as F;
    if (fields.includes(base)) {
      byField[base] = byField[base] ? `${byField[base]} ${message}` : message;
    } else {
      other.push(field ? `${field}: ${message}` : message);
    }
  }
  return { byField, other };
}
