// A small React wrapper around one Monaco editor. The editor owns the text while it is mounted
// (changes go out through onChange); its height follows its content, so short cells have no inner
// scrollbar and the page scrolls as one. Key handlers are per editor (addAction is scoped by
// editor id), and always call the latest props through a ref.

import { useEffect, useRef } from 'react';
import type { ErrorInfo } from '../../worker/protocol.ts';
import { setRunErrorMarker } from './diagnostics.ts';
import { editorThemeName, monaco, setupMonaco } from './setup.ts';

export interface CodeEditorProps {
  value: string;
  language: string;
  onChange(value: string): void;
  /** Shift+Enter. */
  onRunAndAdvance?(): void;
  /** Ctrl/Cmd+Enter. */
  onRun?(): void;
  // --- notebook cell commands (keybindings registered below) ---
  /** Alt+Enter: run, then insert a cell below. */
  onRunAndInsert?(): void;
  /** Escape when no widget (suggestions, hover, find…) would take it: leave for command mode. */
  onEscape?(): void;
  /** Ctrl/Cmd+Shift+-: split at the cursor; offsets are the cursor's, or both ends of a selection. */
  onSplit?(offsets: number[]): void;
  /** The cursor or selection moved: its offsets, as onSplit gets them (for a Split button). */
  onCursorOffsets?(offsets: number[]): void;
  // --- end notebook cell commands ---
  onFocus?(): void;
  onBlur?(): void;
  /** Changes to a new number whenever the editor should take focus. */
  focusRequest?: number;
  placeholder?: string;
  ariaLabel?: string;
  minLines?: number;
  testId?: string;
  /** The error of the cell's last run: squiggled at its span until the next run result. */
  runError?: ErrorInfo | null;
}

/**
 * Escape leaves the editor only when nothing inside it would take the key first: suggestions,
 * parameter hints, hover, find, rename, peek views, snippets, extra cursors, messages.
 */
const ESCAPE_LEAVES_EDITOR_WHEN = [
  'suggestWidgetVisible',
  'parameterHintsVisible',
  'editorHoverVisible',
  'findWidgetVisible',
  'renameInputVisible',
  'referenceSearchVisible',
  'markersNavigationVisible',
  'codeActionMenuVisible',
  'inlineSuggestionVisible',
  'inSnippetMode',
  'editorHasMultipleSelections',
  'messageVisible',
]
  .map((key) => `!${key}`)
  .join(' && ');

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
      theme: editorThemeName(),
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
    // Notebook cell commands: the cursor as character offsets (a selection gives both ends).
    const cursorOffsets = (): number[] => {
      const selection = editor.getSelection();
      if (!selection) return [];
      const start = model.getOffsetAt(selection.getStartPosition());
      const end = model.getOffsetAt(selection.getEndPosition());
      return start === end ? [start] : [start, end];
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
      // --- notebook cell commands ---
      editor.addAction({
        id: 'matbook.runAndInsert',
        label: 'Run cell and insert below',
        keybindings: [monaco.KeyMod.Alt | monaco.KeyCode.Enter],
        // With the find widget open, Alt+Enter is its "select all matches".
        keybindingContext: '!findWidgetVisible',
        run: () => propsRef.current.onRunAndInsert?.(),
      }),
      editor.addAction({
        id: 'matbook.leaveEditor',
        label: 'Leave the editor (command mode)',
        keybindings: [monaco.KeyCode.Escape],
        keybindingContext: ESCAPE_LEAVES_EDITOR_WHEN,
        run: () => propsRef.current.onEscape?.(),
      }),
      editor.addAction({
        id: 'matbook.splitCell',
        label: 'Split cell at cursor',
        keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Minus],
        run: () => propsRef.current.onSplit?.(cursorOffsets()),
      }),
      editor.onDidChangeCursorSelection(() => propsRef.current.onCursorOffsets?.(cursorOffsets())),
      // --- end notebook cell commands ---
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
    const model = editorRef.current?.getModel();
    if (model) setRunErrorMarker(monaco, model, props.runError ?? null);
  }, [props.runError]);

  useEffect(() => {
    if (props.focusRequest === undefined) return;
    const editor = editorRef.current;
    if (!editor) return;
    editor.focus();
    containerRef.current?.scrollIntoView({ block: 'nearest' });
  }, [props.focusRequest]);

  return <div ref={containerRef} className="code-editor" data-testid={props.testId} />;
}
