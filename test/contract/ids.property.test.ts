/**
 * Every id, key and cursor of the contract has a pattern and a bound (issue 13, class 3): any
 * string either parses or is refused (never a throw), and nothing that parses breaks Forge
 * storage's key pattern or length — alone, or in the keys and deterministic ids the app builds
 * from several of them (prompt ids, escalation decisions, remembered grants, links). Storage's
 * rule is the local KVS service's own check (local/kvs/limits.ts, Forge's documented regex and
 * its 500 characters).
 */
import fc from 'fast-check';
import type { z } from 'zod';
import {
  AccountId,
  FileObjectiveKey,
  IssueKey,
  JiraFieldId,
  KeyResultKey,
  ListCursor,
  MAX_FILE_OBJECTIVE_NUMBER,
  MAX_KEY_RESULT_NUMBER,
  MAX_OBJECTIVE_NUMBER,
  ObjectiveKey,
  ProjectKey,
  PromptId,
  PromptKind,
  RecordId,
} from '../../src/contract';
import { EscalationDecision, ImportJobId, StoryPointsField } from '../../src/contract/api';
import { openCursor, sealCursor } from '../../src/app/list-cursor';
import { promptId } from '../../src/domain/prompts/new-prompt';
import { grantKey } from '../../src/forge/store/grant-cache';
import { contributionKey } from '../../src/forge/store/rollup-entities';
import { checkKey, LIMITS } from '../../local/kvs/limits';

/** Each schema, with strings near its pattern that straddle its bound (many parse, some are just too long or too big). */
const IDS: Record<string, [z.ZodType<string>, RegExp]> = {
  AccountId: [AccountId, /^[A-Za-z0-9._:-]{1,132}$/],
  IssueKey: [IssueKey, /^[A-Z][A-Z0-9_]{0,20}-[1-9][0-9]{0,16}$/],
  ProjectKey: [ProjectKey, /^[A-Z][A-Z0-9_]{0,260}$/],
  RecordId: [RecordId, /^[A-Za-z0-9._-]{1,68}$/],
  ObjectiveKey: [ObjectiveKey, /^O-[1-9][0-9]{0,10}$/],
  FileObjectiveKey: [FileObjectiveKey, /^O-[1-9][0-9]{0,10}$/],
  KeyResultKey: [KeyResultKey, /^KR-[1-9][0-9]{0,7}$/],
  PromptId: [PromptId, /^(outcome-review|check-in-due|escalation|period-review|alignment-gap):[A-Za-z0-9._:-]{1,420}$/],
  ImportJobId: [ImportJobId, /^import-[A-Za-z0-9-]{1,84}$/],
  JiraFieldId: [JiraFieldId, /^[A-Za-z][A-Za-z0-9_.-]{0,104}$/],
  StoryPointsField: [StoryPointsField, /^customfield_[0-9]{1,20}$/],
  DecisionId: [EscalationDecision.shape.id, /^decision:[A-Za-z0-9._:-]{1,420}$/],
};

/** Whether Forge storage takes `key` as an entity key (and a plain key: the same rule). */
function storable(key: string): boolean {
  try {
    checkKey(key, 'entity');
    checkKey(key, 'kvs');
    return true;
  } catch {
    return false;
  }
}

/** Strings of every kind: any unicode, the characters ids are made of (so many parse), and the troublemakers. */
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 600 }),
  fc.string({ unit: fc.constantFrom(...'ABCOKRWXYZabcdefxyz0123456789-_.:'.split('')), maxLength: 140 }),
  fc
    .tuple(
      fc.constantFrom(
        'O-',
        'KR-',
        'WEB-',
        'import-',
        'customfield_',
        'decision:',
        ...PromptKind.options.map((k) => `${k}:`),
      ),
      fc.string({ unit: fc.constantFrom(...'0123456789-.:AZaz'.split('')), maxLength: 40 }),
    )
    .map(([a, b]) => a + b),
  // numbered keys, some beyond their bound, some with spaces around
  fc
    .tuple(
      fc.constantFrom('O-', 'KR-', 'WEB-', 'customfield_', ' O-', 'O-0'),
      fc.stringMatching(/^[1-9][0-9]{0,19}$/),
      fc.constantFrom('', ' ', '\t'),
    )
    .map(([a, b, c]) => a + b + c),
  fc
    .tuple(
      fc.string({ maxLength: 20 }),
      fc.constantFrom('/', ' ', '🎯', '\n', '\u0000', '#', '..', '\u00a0'),
      fc.string({ maxLength: 20 }),
    )
    .map(([a, b, c]) => a + b + c),
  fc.integer({ min: 1, max: 3100 }).map((n) => 'A'.repeat(n)),
);

/** Values that parse, as the schema gives them back. */
function parsed(schema: z.ZodType<string>, arb: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return arb
    .map((s) => schema.safeParse(s))
    .filter((r): r is z.ZodSafeParseSuccess<string> => r.success)
    .map((r) => r.data);
}

const account = parsed(
  AccountId,
  fc.string({ unit: fc.constantFrom(...'abcXYZ0189:._-'.split('')), minLength: 1, maxLength: 128 }),
);
const recordId = parsed(
  RecordId,
  fc.string({ unit: fc.constantFrom(...'abXY09._-'.split('')), minLength: 1, maxLength: 64 }),
);
const issueKey = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(...'ABZ09_'.split('')), minLength: 0, maxLength: 254 }),
    fc.bigInt({ min: 1n, max: 999_999_999_999_999n }),
  )
  .map(([p, n]) => IssueKey.parse(`A${p}-${n}`));
const projectKey = issueKey.map((k) => k.slice(0, k.lastIndexOf('-')));

describe('the ids, keys and cursors of the contract', () => {
  it.each(Object.entries(IDS))(
    '%s: any string parses or is refused, and what parses is a storage key',
    (_name, [schema, near]) => {
      let parses = 0;
      fc.assert(
        fc.property(fc.oneof(anyString, fc.stringMatching(near)), (s) => {
          const result = schema.safeParse(s);
          if (result.success) {
            parses += 1;
            expect(storable(result.data)).toBe(true);
            expect(result.data.length).toBeLessThanOrEqual(LIMITS.keyMaxLength);
          } else {
            expect(result.error.issues.length).toBeGreaterThan(0);
          }
        }),
        { numRuns: 1500 },
      );
      // not vacuous: the strings drawn include ids of every kind
      expect(parses).toBeGreaterThan(100);
    },
  );

  it('ListCursor: any string parses or is refused; what parses is base64url around one dot, and opens only when the server sealed it for this list', () => {
    const secret = 'k'.repeat(43);
    const sealed = fc
      .tuple(fc.string({ minLength: 1, maxLength: 300 }), fc.constantFrom('check-ins:O-2', 'check-ins:O-3'))
      .map(([c, list]) => ({ c, list, cursor: sealCursor(secret, list, c) }));
    const cursorLike = fc.oneof(
      anyString,
      fc
        .tuple(
          fc.string({ unit: fc.constantFrom(...'ABab09-_'.split('')), minLength: 1, maxLength: 3000 }),
          fc.string({ unit: fc.constantFrom(...'ABab09-_'.split('')), minLength: 40, maxLength: 46 }),
        )
        .map(([a, b]) => `${a}.${b}`),
      // a sealed cursor with one character changed
      fc
        .tuple(sealed, fc.nat(), fc.constantFrom('A', '_', '.', ' '))
        .map(([s, i, ch]) => s.cursor.slice(0, i % s.cursor.length) + ch + s.cursor.slice((i % s.cursor.length) + 1)),
    );
    fc.assert(
      fc.property(cursorLike, (s) => {
        const result = ListCursor.safeParse(s);
        if (!result.success) return;
        expect(result.data).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
        expect(result.data.length).toBeLessThanOrEqual(3000);
        // whatever parses either opens to what the server sealed, or is refused: never a throw
        for (const list of ['check-ins:O-2', 'check-ins:O-3']) {
          const opened = openCursor(secret, list, result.data);
          if (opened !== null) expect(sealCursor(secret, list, opened)).toBe(result.data);
        }
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(sealed, ({ c, list, cursor }) => {
        expect(ListCursor.parse(cursor)).toBe(cursor);
        expect(openCursor(secret, list, cursor)).toBe(c);
        expect(openCursor(secret, list === 'check-ins:O-2' ? 'check-ins:O-3' : 'check-ins:O-2', cursor)).toBeNull();
        expect(openCursor('another secret of the right length....', list, cursor)).toBeNull();
        expect(openCursor(null, list, cursor)).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('keys number their objectives and key results within the bounds the stores keep to', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const o = ObjectiveKey.safeParse(s);
        if (o.success) expect(Number(o.data.slice(2))).toBeLessThanOrEqual(MAX_OBJECTIVE_NUMBER);
        const f = FileObjectiveKey.safeParse(s);
        if (f.success) {
          expect(Number(f.data.slice(2))).toBeLessThanOrEqual(MAX_FILE_OBJECTIVE_NUMBER);
          expect(ObjectiveKey.safeParse(f.data).success).toBe(true);
        }
        const k = KeyResultKey.safeParse(s);
        if (k.success) expect(Number(k.data.slice(3))).toBeLessThanOrEqual(MAX_KEY_RESULT_NUMBER);
        const i = IssueKey.safeParse(s);
        if (i.success) expect(Number.isSafeInteger(Number(i.data.slice(i.data.lastIndexOf('-') + 1)))).toBe(true);
      }),
      { numRuns: 3000 },
    );
    for (const n of [
      1,
      MAX_FILE_OBJECTIVE_NUMBER,
      MAX_FILE_OBJECTIVE_NUMBER + 1,
      MAX_OBJECTIVE_NUMBER,
      MAX_OBJECTIVE_NUMBER + 1,
    ]) {
      expect([ObjectiveKey.safeParse(`O-${n}`).success, FileObjectiveKey.safeParse(`O-${n}`).success]).toEqual([
        n <= MAX_OBJECTIVE_NUMBER,
        n <= MAX_FILE_OBJECTIVE_NUMBER,
      ]);
    }
    expect(KeyResultKey.safeParse(`KR-${MAX_KEY_RESULT_NUMBER}`).success).toBe(true);
    expect(KeyResultKey.safeParse(`KR-${MAX_KEY_RESULT_NUMBER + 1}`).success).toBe(false);
  });

  it('the prompt ids the rules make from parsed ids are prompt ids, and storage keys', () => {
    const week = fc.integer({ min: 2000, max: 2999 }).map((y) => `${y}-W${String((y % 53) + 1).padStart(2, '0')}`);
    const ids = fc.oneof(
      fc.tuple(recordId, fc.integer({ min: -1, max: 1e9 })).map(([kr, window]) => promptId('check-in-due', kr, window)),
      fc
        .tuple(recordId, account, fc.constantFrom('off-track', 'confidence-drop'), week)
        .map(([o, who, cause, w]) => promptId('escalation', o, who, cause, w)),
      fc.tuple(issueKey, recordId).map(([issue, o]) => promptId('outcome-review', issue, o)),
      fc.tuple(recordId, recordId).map(([period, o]) => promptId('period-review', period, o)),
      fc.tuple(recordId, account, week).map(([w, lead, wk]) => promptId('alignment-gap', w, lead, wk)),
    );
    fc.assert(
      fc.property(ids, recordId, (id, objectiveId) => {
        expect(PromptId.parse(id)).toBe(id);
        expect(storable(id)).toBe(true);
        // an escalation's decision is kept under decision:{objective}:{at, 15 digits}:{prompt}
        expect(storable(`decision:${objectiveId}:${'9'.repeat(15)}:${id}`)).toBe(true);
        expect(EscalationDecision.shape.id.safeParse(`decision:${id}`).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('the keys the stores make from parsed ids are storage keys', () => {
    fc.assert(
      fc.property(
        account,
        projectKey,
        issueKey,
        recordId,
        fc.option(recordId, { nil: null }),
        (who, project, issue, objectiveId, keyResultId) => {
          expect(storable(grantKey(who, `browse:${project}`))).toBe(true);
          expect(storable(contributionKey({ issueKey: issue, objectiveId, keyResultId }))).toBe(true);
          expect(storable(`project:${project}:${objectiveId}`)).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('refuses the probe\u2019s examples', () => {
    for (const bad of ['check-in-due:O-1/KR-1:1', 'check-in-due:O-1 KR-1:1', 'outcome-review:WEB-1:O-1🎯'])
      expect(PromptId.safeParse(bad).success).toBe(false);
    for (const bad of ['a b', 'a/b', '🎯', '', 'x'.repeat(129)]) expect(AccountId.safeParse(bad).success).toBe(false);
    for (const bad of ['Story Points', 'cf[10016]', 'summary; DROP'])
      expect(JiraFieldId.safeParse(bad).success).toBe(false);
    expect(FileObjectiveKey.safeParse('O-999999999').success).toBe(false);
    expect(ListCursor.safeParse('eyJ2IjoxfQ').success).toBe(false);
  });
});
