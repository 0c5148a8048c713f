// Vocabularies the manifest's schema is written in; the detectors that produce them import them from here.

/**
 * The kinds of personal information tdgov detects. The order is the order counts and examples
 * are serialised in, so keep new types at the end.
 */
export const PII_TYPES = [
  'email',
  'cn-mobile',
  'cn-landline',
  'phone-e164',
  'cn-resident-id',
  'bank-card',
  'cn-uscc',
  'ipv4',
  'ipv6',
  'passport',
  'private-key',
  'cloud-access-key',
] as const

/** The language classes of text records. */
export const LANGUAGE_CLASSES = ['zh', 'en', 'code', 'other'] as const
