/**
 * What a prompt's due date says to its recipient: "Due 8 Dec" while there is time, "Overdue
 * since 5 Dec" once the moment has passed (an answer is still welcome until the prompt
 * expires). Pure: the moment and the date format are passed in.
 */
export interface DueWords {
  text: string;
  overdue: boolean;
}

export function dueWords(dueAt: number, now: number, formatDate: (at: number) => string): DueWords {
  const overdue = now > dueAt;
  return { text: `${overdue ? 'Overdue since' : 'Due'} ${formatDate(dueAt)}`, overdue };
}
