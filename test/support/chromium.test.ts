/** The Chromium finder fails loudly, never skips. */
import { CHROMIUM_NOT_FOUND, findChromium } from './chromium';

describe('findChromium', () => {
  it('takes CHROMIUM_PATH first, and nothing when it is not an executable', () => {
    expect(findChromium({ CHROMIUM_PATH: process.execPath, PATH: '' })).toBe(process.execPath);
    expect(findChromium({ CHROMIUM_PATH: '/no/such/chromium', PATH: '' })).toBeNull();
  });

  it('names how to install it', () => {
    expect(CHROMIUM_NOT_FOUND).toBe(
      'Chromium not found: install it with `apt-get install -y chromium` (Debian) or set CHROMIUM_PATH',
    );
  });
});
