/**
 * "Export CSV": makes a CSV file from what the page shows (`build`, e.g. rollupCsv of
 * ../rollup-csv.ts) and downloads it, as the admin page's export does: a Blob URL, an `<a
 * download>` clicked at once, and the link left beside the button for a browser that blocked the
 * automatic download. Each export revokes the previous file's URL.
 */
import { useEffect, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';

export function ExportCsvButton({
  fileName,
  build,
  label = 'Export CSV',
  isDisabled = false,
}: {
  fileName: string;
  build: () => string;
  label?: string;
  isDisabled?: boolean;
}) {
  const [file, setFile] = useState<{ url: string; name: string } | null>(null);
  const link = useRef<HTMLAnchorElement>(null);
  const clickPending = useRef(false);

  useEffect(() => {
    if (file === null || !clickPending.current) return;
    clickPending.current = false;
    link.current?.click();
  }, [file]);
  useEffect(() => () => void (file === null ? undefined : URL.revokeObjectURL(file.url)), [file]);

  const run = () => {
    const url = URL.createObjectURL(new Blob([build()], { type: 'text/csv;charset=utf-8' }));
    clickPending.current = true;
    setFile({ url, name: fileName });
  };
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: token('space.100') }}>
      <Button onClick={run} isDisabled={isDisabled}>
        {label}
      </Button>
      {file === null ? null : (
        <a ref={link} href={file.url} download={file.name} style={{ font: token('font.body.small') }}>
          Download {file.name}
        </a>
      )}
    </span>
  );
}
