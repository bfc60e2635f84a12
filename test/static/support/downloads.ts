/**
 * The files a surface hands the browser to download (Blob URLs) and the download links it clicks,
 * captured for the tests of a file (call `captureDownloads()` at the top level of a test file:
 * it installs and removes the capture around each test).
 */
export interface Downloads {
  files: Blob[];
  clicked: { href: string; download: string }[];
}

export function captureDownloads(): Downloads {
  const downloads: Downloads = { files: [], clicked: [] };
  let restore = () => undefined as void;
  beforeEach(() => {
    downloads.files.length = 0;
    downloads.clicked.length = 0;
    const created = URL.createObjectURL;
    const revoked = URL.revokeObjectURL;
    const click = HTMLAnchorElement.prototype.click;
    URL.createObjectURL = (blob: Blob) => {
      downloads.files.push(blob);
      return `blob:test/${downloads.files.length}`;
    };
    URL.revokeObjectURL = () => undefined;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      downloads.clicked.push({ href: this.getAttribute('href') ?? '', download: this.download });
    };
    restore = () => {
      URL.createObjectURL = created;
      URL.revokeObjectURL = revoked;
      HTMLAnchorElement.prototype.click = click;
    };
  });
  afterEach(() => restore());
  return downloads;
}

/** A downloaded file's text. */
export function textOf(blob: Blob): Promise<string> {
  return new Promise<string>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.readAsText(blob);
  });
}

/** A CSV file's lines, without the byte-order mark. */
export async function csvLines(blob: Blob): Promise<string[]> {
  return (await textOf(blob)).replace(/^\uFEFF/, '').split('\r\n');
}
