/** Bad input, usage or configuration: one line for the user, exit 2, no stack. */
export class UserError extends Error {
  override readonly name = 'UserError'
}

/** A bug in tdgov: exit 3, stack shown under --debug. */
export class InternalError extends Error {
  override readonly name = 'InternalError'
}
