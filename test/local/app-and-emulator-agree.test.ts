/**
 * Figures the app and the emulator each write down, kept equal here. The emulator (local/kvs,
 * local/jira) enforces Forge's and Jira's documented limits and may not import src/ (the layer
 * rule emulator-stands-alone); the app (src/) writes down the limits it relies on and may not
 * import local/. Where the two are the same fact, this test says so; a change to either side
 * that breaks the agreement fails here instead of on a real site.
 */
import { WORKGROUP_LIMITS } from '../../src/contract/api';
import { FieldList } from '../../src/forge/jira/jira-responses';
import { MAX_PAGE_WITH_FIELDS } from '../../src/forge/jira/search-requests';
import { storyPointFieldIds } from '../../src/forge/jira/story-points-fields';
import { STORAGE_LIMITS } from '../../src/forge/store/storage-limits';
import { STORY_POINT_ESTIMATE, STORY_POINTS } from '../../local/jira';
import { MAX_RESULTS_WITH_FIELDS } from '../../local/jira/http/search-endpoint';
import { LIMITS } from '../../local/kvs/limits';
import { aJira } from './jira/builders';
import { call } from './jira/http';

describe('the app and the emulator agree on', () => {
  it("Forge storage's limits: value and key sizes, batch and transaction sizes", () => {
    expect({
      valueMaxBytes: STORAGE_LIMITS.valueMaxBytes,
      keyMaxLength: STORAGE_LIMITS.keyMaxLength,
      transactionMaxOperations: STORAGE_LIMITS.transactionMaxOperations,
      batchMaxItems: STORAGE_LIMITS.batchMaxItems,
    }).toEqual({
      valueMaxBytes: LIMITS.valueMaxBytes,
      keyMaxLength: LIMITS.keyMaxLength,
      transactionMaxOperations: LIMITS.transactionMaxOperations,
      batchMaxItems: LIMITS.batchMaxItems,
    });
  });

  it('query pages: the app asks for a limit the service accepts, and gets at most 20 a page', () => {
    expect(STORAGE_LIMITS.queryPageLimit).toBeGreaterThanOrEqual(1);
    expect(STORAGE_LIMITS.queryPageLimit).toBeLessThanOrEqual(LIMITS.acceptedMaxLimit);
    expect(LIMITS.maxPageSize).toBe(20);
  });

  it("a workgroup's projects fit one transaction with the workgroup (1 + removed + added)", () => {
    expect(1 + 2 * WORKGROUP_LIMITS.projects).toBe(LIMITS.transactionMaxOperations);
  });

  it('the largest Jira search page with fields', () => {
    expect(MAX_PAGE_WITH_FIELDS).toBe(MAX_RESULTS_WITH_FIELDS);
  });

  it("the story-points fields: the app finds the local Jira's two by their names", async () => {
    const { jira } = aJira();
    const answer = await call(jira, 'GET', '/rest/api/3/field');
    expect(answer.status).toBe(200);
    expect(storyPointFieldIds(FieldList.parse(answer.json))).toEqual([STORY_POINT_ESTIMATE, STORY_POINTS]);
  });
});
