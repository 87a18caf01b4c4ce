// Display labels for the API's enum values and field names (under_review, survey_response,
// birth_date …): underscores to spaces, sentence case. Done here rather than with CSS
// text-transform, which capitalised every word ("Concentrated In", "Under_review").
const OVERRIDES: Record<string, string> = {
  email: 'E-mail',
  user_id: 'User ID',
  national_id: 'National ID',
};

export function labelOf(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const fixed = OVERRIDES[value];
  if (fixed) return fixed;
  const text = value.replaceAll('_', ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}
