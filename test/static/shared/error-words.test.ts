import { errorSentence, fieldLabel } from '@shared/error-words';

describe('error words', () => {
  it.each([
    ['parentId', 'Parent'],
    ['periodId', 'Period'],
    ['projects.1', 'Projects, item 2'],
    ['keyResult.target', 'Key result, target'],
    ['startValue', 'Start value'],
    ['objectives.0.owner', 'Objectives, item 1, owner'],
    ['alignments.2.objectiveId', 'Alignments, item 3, objective'],
  ])('names %s as "%s"', (path, label) => {
    expect(fieldLabel(path)).toBe(label);
  });

  it("prefers a form's own label, and the empty path names no field", () => {
    expect(fieldLabel('parentId', { parentId: 'Aligned to (parent)' })).toBe('Aligned to (parent)');
    expect(fieldLabel('')).toBeNull();
  });

  it('says a refused request in a sentence, without its resolver key', () => {
    expect(errorSentence({ code: 'VALIDATION', message: 'The request periods/create is not valid' })).toBe(
      'Some of what was entered is not valid.',
    );
    expect(errorSentence({ code: 'CONFLICT', message: 'O-2 changed' })).toBe('O-2 changed');
  });
});
