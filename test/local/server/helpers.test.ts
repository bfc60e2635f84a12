/** The server's small pure helpers: HTML escaping, bridge injection, query and guard rules. */
import { escapeHtml, html, jsonForHtml, raw } from '../../../local/server/pages/html';
import { refusal } from '../../../local/server/request-guard';
import { injectBridgeScript } from '../../../local/server/resources';
import { withoutParam } from '../../../local/server/rest-proxy';
import { adfText } from '../../../local/server/jira-client';

const TAG = '<script src="/__tether/frame-bridge.js"></script>';

describe('html', () => {
  it('escapes interpolated text but not nested html', () => {
    expect(
      html`<p title="${'"x"'}">${'<b>&'}</p>${html`<i>${"it's"}</i>`}${[1, null, false, undefined, 'a']}`.value,
    ).toBe('<p title="&quot;x&quot;">&lt;b&gt;&amp;</p><i>it&#39;s</i>1a');
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
    expect(html`${raw('<br>')}`.value).toBe('<br>');
  });

  it('writes JSON that cannot close a script tag', () => {
    expect(jsonForHtml({ a: '</script><x>&' })).toBe('{"a":"\\u003c/script\\u003e\\u003cx\\u003e\\u0026"}');
  });
});

describe('injectBridgeScript', () => {
  it('goes first in head, whatever the document looks like', () => {
    expect(injectBridgeScript('<html><HEAD lang="en"><script src="a.js"></script></HEAD></html>')).toBe(
      `<html><HEAD lang="en">${TAG}<script src="a.js"></script></HEAD></html>`,
    );
    expect(injectBridgeScript('<!doctype html><html lang="en"><body><script>x()</script></body></html>')).toBe(
      `<!doctype html><html lang="en"><head>${TAG}</head><body><script>x()</script></body></html>`,
    );
    expect(injectBridgeScript('<!DOCTYPE html><script>x()</script>')).toBe(`<!DOCTYPE html>${TAG}<script>x()</script>`);
    expect(injectBridgeScript('<script>x()</script>')).toBe(`${TAG}<script>x()</script>`);
  });
});

describe('withoutParam', () => {
  it('drops only that parameter and keeps the others as sent', () => {
    expect(withoutParam('?as=lead&jql=project%20%3D%20WEB&fields=a,b', 'as')).toBe(
      '?jql=project%20%3D%20WEB&fields=a,b',
    );
    expect(withoutParam('?a%73=lead', 'as')).toBe('');
    expect(withoutParam('', 'as')).toBe('');
    expect(withoutParam('?alias=1', 'as')).toBe('?alias=1');
  });
});

describe('refusal', () => {
  const origin = new URL('http://127.0.0.1:4000');
  const req = (method: string, headers: Record<string, string>) => ({ method, url: '/', headers, body: '' });

  it('lets this machine in and keeps other sites out', () => {
    expect(refusal(req('GET', { host: '127.0.0.1:4000' }), origin)).toBeNull();
    expect(refusal(req('GET', { host: 'localhost:4000' }), origin)).toBeNull();
    expect(refusal(req('GET', { host: 'evil.example' }), origin)).toContain("not for 'evil.example'");
    expect(refusal(req('POST', { host: '127.0.0.1:4000', origin: 'http://127.0.0.1:4000' }), origin)).toBeNull();
    expect(refusal(req('POST', { host: '127.0.0.1:4000' }), origin)).toBeNull();
    expect(refusal(req('POST', { host: '127.0.0.1:4000', origin: 'null' }), origin)).toContain('must come from');
    expect(refusal(req('DELETE', { host: '127.0.0.1:4000', origin: 'http://127.0.0.1:5000' }), origin)).toContain(
      'must come from',
    );
  });
});

describe('adfText', () => {
  it('reads the text of a description', () => {
    const doc = {
      type: 'doc',
      version: 1,
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'One' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Two' }] },
      ],
    };
    expect(adfText(doc)).toBe('One\nTwo\n');
    expect(adfText(42)).toBe('');
  });
});
