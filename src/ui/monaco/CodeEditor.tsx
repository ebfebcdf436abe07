// A small React wrapper around one Monaco editor. The editor owns the text while it is mounted
// (changes go out through onChange); its height follows its content, so short cells have no inner
// scrollbar and the page scrolls as one. Key handlers are per editor (addAction is scoped by
// editor id), and always call the latest props through a ref.

import { useEffect, useRef } from 'react';
import { MATBOOK_THEME, monaco, setupMonaco } from './setup.ts';

export interface CodeEditorProps {
  value: string;
  language: string;
  onChange(value: string): void;
  /** Shift+Enter. */
  onRunAndAdvance?(): void;
  /** Ctrl/Cmd+Enter. */
  onRun?(): void;
  onFocus?(): void;
  onBlur?(): void;
  /** Changes to a new number whenever the editor should take focus. */
  focusRequest?: number;
  placeholder?: string;
  ariaLabel?: string;
  minLines?: number;
  testId?: string;
}

export function CodeEditor(props: CodeEditorProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const propsRef = useRef(props);
  propsRef.current = props;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    setupMonaco();
    const { value, language, placeholder, ariaLabel, minLines = 1 } = propsRef.current;
    const model = monaco.editor.createModel(value, language);
    const editor = monaco.editor.create(container, {
      model,
      theme: MATBOOK_THEME,
      fontSize: 13.5,
      lineHeight: 20,
      fontFamily: "'JetBrains Mono', 'Fira Code', Menlo, Consolas, 'DejaVu Sans Mono', monospace",
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      scrollbar: { vertical: 'hidden', horizontal: 'auto', alwaysConsumeMouseWheel: false, useShadows: false },
      overviewRulerLanes: 0,
      hideCursorInOverviewRuler: true,
      overviewRulerBorder: false,
      renderLineHighlight: 'none',
      lineNumbers: 'on',
      lineNumbersMinChars: 3,
      lineDecorationsWidth: 8,
      glyphMargin: false,
      folding: false,
      automaticLayout: false,
      wordWrap: 'off',
      tabSize: 4,
      padding: { top: 8, bottom: 8 },
      // `[` is typed as the user sees it; `'` is also transpose, so quotes never auto-close.
      autoClosingBrackets: 'never',
      autoClosingQuotes: 'never',
      autoSurround: 'never',
      wordBasedSuggestions: 'off',
      quickSuggestions: { other: true, comments: false, strings: false },
      quickSuggestionsDelay: 200,
      suggestOnTriggerCharacters: true,
      fixedOverflowWidgets: true,
      contextmenu: false,
      placeholder,
      ariaLabel,
    });
    editorRef.current = editor;

    // Height follows content; width follows the container.
    let lastWidth = 0;
    let lastHeight = 0;
    const layout = () => {
      const lineHeight = editor.getOption(monaco.editor.EditorOption.lineHeight);
      const height = Math.max(editor.getContentHeight(), minLines * lineHeight + 16);
      const width = container.clientWidth;
      if (height === lastHeight && width === lastWidth) return;
      lastHeight = height;
      lastWidth = width;
      container.style.height = `${height}px`;
      editor.layout({ width, height });
    };
    const resizeObserver = new ResizeObserver(() => layout());
    resizeObserver.observe(container);
    const disposables = [
      editor.onDidContentSizeChange(layout),
      editor.onDidChangeModelContent(() => propsRef.current.onChange(editor.getValue())),
      editor.onDidFocusEditorText(() => propsRef.current.onFocus?.()),
      editor.onDidBlurEditorText(() => propsRef.current.onBlur?.()),
      editor.addAction({
        id: 'matbook.runAndAdvance',
        label: 'Run cell and advance',
        keybindings: [monaco.KeyMod.Shift | monaco.KeyCode.Enter],
        run: () => propsRef.current.onRunAndAdvance?.(),
      }),
      editor.addAction({
        id: 'matbook.runInPlace',
        label: 'Run cell',
        keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
        run: () => propsRef.current.onRun?.(),
      }),
    ];
    layout();

    return () => {
      resizeObserver.disconnect();
      for (const disposable of disposables) disposable.dispose();
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
  }, []);

  // The store changed the text (not this editor's own typing): take it over.
  useEffect(() => {
    const editor = editorRef.current;
    if (editor && editor.getValue() !== props.value) editor.setValue(props.value);
  }, [props.value]);

  useEffect(() => {
    if (props.focusRequest === undefined) return;
    const editor = editorRef.current;
    if (!editor) return;
    editor.focus();
    containerRef.current?.scrollIntoView({ block: 'nearest' });
  }, [props.focusRequest]);

  return <div ref={containerRef} className="code-editor" data-testid={props.testId} />;
}
