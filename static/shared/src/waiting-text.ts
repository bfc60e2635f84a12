/**
 * What an inbox says of the prompts the weekly cap holds back (prompts/inbox `waiting`): how many,
 * when the next arrives ("Mon 14 Dec", ./dates.ts), and why they wait. Pure: the date comes from the
 * reply and `now` (which only decides whether the year is written) from the caller.
 */
import type { PromptsWaiting } from '@contract/api/prompts';

import { weekdayDate } from './dates';

export interface WaitingText {
  /** "2 more prompts are waiting: the next arrives on Mon 14 Dec." */
  summary: string;
  /** Why: "Held back by the weekly cap of 5 prompts a person; escalations are never held back." */
  reason: string;
}

export interface WaitingWords {
  /** What one is called: "prompt", "question about WEB-3". */
  one: string;
  /** And several: "prompts", "questions about WEB-3". */
  many: string;
}

/**
 * The words for what waits, or null when nothing does. `shown` is how many the inbox shows now:
 * when it shows some, the waiting ones are "more".
 */
export function waitingText(
  waiting: PromptsWaiting,
  shown: number,
  now: number,
  words: WaitingWords = { one: 'prompt', many: 'prompts' },
): WaitingText | null {
  const { count, nextAt, cap } = waiting;
  if (count === 0) return null;
  const more = shown > 0 ? 'more ' : '';
  const what = count === 1 ? `1 ${more}${words.one} is waiting` : `${count} ${more}${words.many} are waiting`;
  const when =
    nextAt === null
      ? ''
      : count === 1
        ? `: it arrives on ${weekdayDate(nextAt, now)}`
        : `: the next arrives on ${weekdayDate(nextAt, now)}`;
  const capText =
    cap === null
      ? 'the weekly cap on prompts a person'
      : `the weekly cap of ${cap} ${cap === 1 ? 'prompt' : 'prompts'} a person`;
  return { summary: `${what}${when}.`, reason: `Held back by ${capText}; escalations are never held back.` };
}
