/**
 * An agreement measure does not apply to the data given (too few values, uneven rating counts,
 * labels outside the declared order, non-numeric values at a numeric level). Not a bug and not a
 * fatal input error: the CLI reports the measure as null with this message as the note.
 */
export class AgreementError extends Error {
  override readonly name = 'AgreementError'
}
