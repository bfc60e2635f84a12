import type { AppError } from '@contract/errors';

/** The heading over a server error, by its code, in the user's words. */
export const ERROR_TITLES: Record<AppError['code'], string> = {
  VALIDATION: 'Some of this needs fixing',
  FORBIDDEN: "You don't have permission to do this",
  NOT_FOUND: 'Not found',
  CONFLICT: 'Someone else changed this in the meantime',
  LIMIT: 'This is over a limit',
  UNAVAILABLE: 'Tether could not be reached',
  INTERNAL: 'Something went wrong',
};
