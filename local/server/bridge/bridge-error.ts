/** A bridge command that cannot be answered: the frame's promise rejects with this message. */
export class BridgeCommandError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
