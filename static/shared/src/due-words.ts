/**
 * What a prompt's due date says to its recipient: "Due Dec 8, 2026" while there is time, "Overdue
 * since Dec 5, 2026" once the moment has passed (an answer is still welcome until the prompt
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
