/**
 * An item's labels as one cell: "cat", "cat; dog", or with repeats counted, "chesterfield ×5;
 * muratti ×5" (first-appearance order). Reviewers judge it; agreement compares it as one category.
 */
export function labelCell(labels: readonly string[]): string {
  const counts = new Map<string, number>()
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1)
  return [...counts].map(([label, count]) => (count === 1 ? label : `${label} ×${count}`)).join('; ')
}
