/**
 * What someone who may browse an issue is told of the objectives it serves that they may not see
 * (restricted to a workgroup they are not in): that there are some, and how many, never which
 * (docs/security.md). Null when there are none.
 */
export function hiddenObjectivesNote(issueKey: string, hidden: number, alsoVisible: boolean): string | null {
  if (hidden <= 0) return null;
  const what = hidden === 1 ? 'an objective' : `${hidden} objectives`;
  const restricted = hidden === 1 ? 'restricted to its workgroup' : 'restricted to their workgroups';
  return `${issueKey} ${alsoVisible ? 'also ' : ''}serves ${what} you cannot see (${restricted}).`;
}
