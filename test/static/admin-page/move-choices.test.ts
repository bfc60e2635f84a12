/** "Move to…"'s choices: the server's level rule, no DOM. */
import { sitsAbove } from '@contract/levels';
import { levelChoices, parentChoices } from '../../../static/admin-page/src/move-choices';

const levels = [{ id: 'org' }, { id: 'dept' }, { id: 'team' }];
const at = (key: string, levelId: string) => ({ key, levelId });
const all = [at('O-1', 'org'), at('O-2', 'dept'), at('O-3', 'team'), at('O-4', 'gone')];

describe('move choices', () => {
  it('offers only parents at a strictly higher level than the one the objective will have', () => {
    expect(parentChoices(levels, all, 'team').map((c) => c.key)).toEqual(['O-1', 'O-2']);
    expect(parentChoices(levels, all, 'dept').map((c) => c.key)).toEqual(['O-1']);
    expect(parentChoices(levels, all, 'org')).toEqual([]);
  });

  it('offers the levels below the chosen parent, any without one', () => {
    expect(levelChoices(levels, 'org').map((l) => l.id)).toEqual(['dept', 'team']);
    expect(levelChoices(levels, null).map((l) => l.id)).toEqual(['org', 'dept', 'team']);
  });

  it('is the rule the server checks', () => {
    for (const p of levels)
      for (const c of levels)
        expect(parentChoices(levels, [at('P', p.id)], c.id).length === 1).toBe(sitsAbove(levels, p.id, c.id));
  });
});
