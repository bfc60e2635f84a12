import { count, noun, questionsHeading } from '@shared/plural';

describe('count', () => {
  it('says one in the singular and any other number in the plural, grouped as Jira does', () => {
    expect(count(1, 'objective')).toBe('1 objective');
    expect(count(0, 'review')).toBe('0 reviews');
    expect(count(2, 'review')).toBe('2 reviews');
    expect(count(1204, 'issue')).toBe('1,204 issues');
    expect(count(2, 'issue property', 'issue properties')).toBe('2 issue properties');
    expect(noun(1, 'issue')).toBe('issue');
    expect(noun(4, 'issue')).toBe('issues');
  });
});

describe('questionsHeading', () => {
  it('says how many questions there are for the person, one in words', () => {
    expect([0, 1, 3].map(questionsHeading)).toEqual(['Questions for you', 'A question for you', '3 questions for you']);
  });
});
