/**
 * A count with its noun, singular for one: `count(1, 'objective')` is "1 objective",
 * `count(3, 'review')` "3 reviews", `count(2, 'person', 'people')` "2 people". Numbers are grouped
 * as Jira shows them in English ("1,204 issues"). The one home for a printed count.
 */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${noun(n, one, many)}`;
}

/** The noun alone, for a sentence that prints its number apart ("3/4 issues"). */
export function noun(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

/** The heading over the prompts a person is asked about one issue ("A question for you", "3 questions for you"). */
export function questionsHeading(n: number): string {
  return n === 0 ? 'Questions for you' : n === 1 ? 'A question for you' : `${n} questions for you`;
}
