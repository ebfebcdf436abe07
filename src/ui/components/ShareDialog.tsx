// The share dialog: the open notebook as a link (`#nb=...`), cells only unless outputs are asked
// for, with its size and a clear error when it is too big for a link.

import { useEffect, useMemo, useState } from 'react';
import { describeTooLarge } from '../core/share/shareLink.ts';
import { useLibrary } from './LibraryContext.tsx';
import { Button } from './ui/Button.tsx';

export function ShareDialog({ onClose }: { onClose: () => void }) {
  const library = useLibrary();
  const [includeOutputs, setIncludeOutputs] = useState(false);
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const link = useMemo(() => library.shareLink(includeOutputs), [library, includeOutputs]);
  useEffect(() => setCopied('no'), [link]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div className="modal-backdrop" onPointerDown={(event) => event.target === event.currentTarget && onClose()}>
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="share-heading" data-testid="share-dialog">
        <h2 id="share-heading">Share link</h2>
        <p className="modal-text">
          The notebook travels inside the link (after the <code>#</code>, never sent to a server). Whoever opens it sees the cells; nothing
          runs until they press Run all.
        </p>
        <label className="checkbox">
          <input type="checkbox" data-testid="share-include-outputs" checked={includeOutputs} onChange={(event) => setIncludeOutputs(event.currentTarget.checked)} />
          Include outputs
        </label>
        {link.tooLarge ? (
          <div className="share-error" role="alert" data-testid="share-error">
            {describeTooLarge(link.chars)}
          </div>
        ) : (
          <>
            <input className="share-url" data-testid="share-url" readOnly value={link.url} onFocus={(event) => event.currentTarget.select()} aria-label="Share link" />
            <div className="share-size" data-testid="share-size">
              {(link.chars / 1024).toFixed(1)} KB link
            </div>
          </>
        )}
        <div className="modal-actions">
          {!link.tooLarge && (
            <Button variant="primary" testId="share-copy" onClick={() => void copy()}>
              {copied === 'yes' ? 'Copied ✓' : 'Copy link'}
            </Button>
          )}
          <Button testId="share-close" onClick={onClose}>
            Close
          </Button>
        </div>
        {copied === 'failed' && <p className="modal-text">The browser did not allow copying: select the link and copy it by hand.</p>}
      </div>
    </div>
  );
}
