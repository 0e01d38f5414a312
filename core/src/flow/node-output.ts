/** The output an edge without a `handle` leaves from. */
export const DEFAULT_OUTPUT = 'next';
