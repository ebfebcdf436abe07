// Source shown, not edited: a read-only Monaco editor (the plan view's WGSL). Its height follows
// the text up to `maxLines`, then it scrolls inside.

import { useEffect, useRef } from 'react';
import { editorThemeName, monaco, setupMonaco } from './setup.ts';

export interface ReadOnlyCodeProps {
  value: string;
  language: string;
  maxLines?: number;
  ariaLabel?: string;
  testId?: string;
}

const LINE_HEIGHT = 18;
const PADDING = 12;

export function ReadOnlyCode({ value, language, maxLines = 30, ariaLabel, testId }: ReadOnlyCodeProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    setupMonaco();
    const model = monaco.editor.createModel('', language);
    const editor = monaco.editor.create(container, {
      model,
      theme: editorThemeName(),
      readOnly: true,
      domReadOnly: true,
      fontSize: 12.5,
      lineHeight: LINE_HEIGHT,
      fontFamily: "'JetBrains Mono', 'Fira Code', Menlo, Consolas, 'DejaVu Sans Mono', monospace",
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      scrollbar: { alwaysConsumeMouseWheel: false, useShadows: false },
      overviewRulerLanes: 0,
      renderLineHighlight: 'none',
      lineNumbersMinChars: 3,
      folding: false,
      contextmenu: false,
      padding: { top: PADDING / 2, bottom: PADDING / 2 },
      automaticLayout: true,
      ariaLabel,
    });
    editorRef.current = editor;
    return () => {
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
  }, [language, ariaLabel]);

  useEffect(() => {
    const editor = editorRef.current;
    const container = containerRef.current;
    if (!editor || !container) return;
    editor.setValue(value);
    const lines = value.split('\n').length;
    container.style.height = `${Math.min(lines, maxLines) * LINE_HEIGHT + PADDING}px`;
    editor.layout();
    editor.setScrollTop(0);
  }, [value, maxLines, language]);

  return <div ref={containerRef} className="read-only-code" data-testid={testId} />;
}
