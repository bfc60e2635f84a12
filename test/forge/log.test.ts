import { AppFailure } from '../../src/app/app-failure';
import { logFor } from '../../src/forge/log';
import { captureLog } from '../support/log-capture';

function everyLevel(fn: string): void {
  const log = logFor(fn);
  log.info('one info');
  log.warn('one warning');
  log.error('one error');
}

describe('the app log', () => {
  it('prints nothing under Jest when TETHER_LOG is not set', async () => {
    expect(process.env.NODE_ENV).toBe('test');
    const { lines } = await captureLog(() => {
      everyLevel('daily-refresh');
      logFor('reconcile').error('failed', { step: 3 }, new Error('boom'));
    }, null);
    expect(lines).toEqual([]);
  });

  it('prints one line per event, the function first, then the sentence and its facts as key=value', async () => {
    const { lines } = await captureLog(() => {
      const log = logFor('daily-refresh');
      log.info('objectives refreshed', {
        refreshed: 12,
        changed: 3,
        finished: false,
        note: 'two words',
        empty: '',
        none: null,
        left: undefined,
      });
      log.warn('ignored an event the app cannot read', { problems: 'issue.key: Invalid "key"\nnext line' });
    }, '1');
    expect(lines).toEqual([
      {
        level: 'info',
        text: 'daily-refresh: objectives refreshed refreshed=12 changed=3 finished=false note="two words" empty="" none=null',
      },
      {
        level: 'warn',
        text: 'daily-refresh: ignored an event the app cannot read problems="issue.key: Invalid \\"key\\"\\nnext line"',
      },
    ]);
  });

  it('keeps an unexpected error with its event: the message in the line, the stack below it', async () => {
    const error = new TypeError('cannot read x');
    const { lines } = await captureLog(() =>
      logFor('resolver objectives/create').error(
        'objective saved, but its rollup could not be updated',
        { objective: 'O-12' },
        error,
      ),
    );
    expect(lines).toHaveLength(1);
    const [first, ...frames] = (lines[0]?.text ?? '').split('\n');
    expect(lines[0]?.level).toBe('error');
    expect(first).toBe(
      'resolver objectives/create: objective saved, but its rollup could not be updated objective=O-12 error="TypeError: cannot read x"',
    );
    expect(frames.length).toBeGreaterThan(0);
    expect(frames[0]).toMatch(/^\s+at .*log\.test\.ts/);
  });

  it('gives an expected failure, or an error logged as a warning, its message only; an INTERNAL failure its stack too', async () => {
    const { lines } = await captureLog(() => {
      const log = logFor('reconcile');
      log.error('step failed', {}, new AppFailure('UNAVAILABLE', 'Jira did not answer'));
      log.warn(
        'a query key result could not be measured; its last value stays',
        { objective: 'O-3', keyResult: 'KR-1' },
        new Error('JQL refused'),
      );
      log.error('step failed', {}, 'a thrown string');
      log.error('step failed', {}, new AppFailure('INTERNAL', 'stored record broken'));
    });
    expect(lines.slice(0, 3)).toEqual([
      { level: 'error', text: 'reconcile: step failed error="UNAVAILABLE: Jira did not answer"' },
      {
        level: 'warn',
        text: 'reconcile: a query key result could not be measured; its last value stays objective=O-3 keyResult=KR-1 error="JQL refused"',
      },
      { level: 'error', text: 'reconcile: step failed error="a thrown string"' },
    ]);
    expect(lines[3]?.text).toMatch(/^reconcile: step failed error="INTERNAL: stored record broken"\n\s+at /);
  });

  it('prints from the least level TETHER_LOG names, and nothing when it says off', async () => {
    const printed = async (setting: string) =>
      (await captureLog(() => everyLevel('issue-events'), setting)).lines.map((l) => l.text);
    expect(await printed('info')).toEqual([
      'issue-events: one info',
      'issue-events: one warning',
      'issue-events: one error',
    ]);
    expect(await printed('WARN')).toEqual(['issue-events: one warning', 'issue-events: one error']);
    expect(await printed('error')).toEqual(['issue-events: one error']);
    expect(await printed('off')).toEqual([]);
    expect(await printed('0')).toEqual([]);
  });

  it('prints everything outside tests when TETHER_LOG is not set (as on Forge)', async () => {
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      const { lines } = await captureLog(() => everyLevel('reconcile'), null);
      expect(lines.map((l) => l.level)).toEqual(['info', 'warn', 'error']);
    } finally {
      process.env.NODE_ENV = env;
    }
  });
});
