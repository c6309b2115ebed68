// A plain-text YAML editor without an editor library: a textarea (no wrapping, monospace) with
// a gutter of line numbers and a layer behind the text that colours the lines with problems,
// both kept in step with the textarea's scrolling. Keys a person expects: Tab and Shift+Tab
// indent and outdent (Escape first, then Tab, leaves the editor), Enter keeps the indentation,
// Ctrl/Cmd+S saves, and `focusAt(line, col)` puts the cursor on a problem.
import { useImperativeHandle, useRef, useState } from "react";
import type { KeyboardEvent, ReactNode, Ref } from "react";

/** A line to colour, with what to say about it. */
export interface MarkedLine {
  line: number;
  kind: "error" | "warning";
  message: string;
}

/** What a parent may do with the editor. */
export interface YamlEditorHandle {
  /** Puts the cursor at 1-based `line` and `col` and scrolls it into view. */
  focusAt: (line: number, col: number) => void;
}

/** Props of `<YamlEditor>`. */
export interface YamlEditorProps {
  value: string;
  onChange: (value: string) => void;
  readOnly?: boolean;
  marks?: readonly MarkedLine[];
  /** Ctrl/Cmd+S. */
  onSave?: () => void;
  label: string;
  ref?: Ref<YamlEditorHandle>;
  testId?: string;
}

const INDENT = "  ";

/** The offset in `text` of 1-based `line`, `col` (clamped to the text). */
function offsetOf(text: string, line: number, col: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf("\n", offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  const end = text.indexOf("\n", offset);
  const lineEnd = end === -1 ? text.length : end;
  return Math.min(offset + Math.max(0, col - 1), lineEnd);
}

/** Replaces the selection with `text` through the browser's editing, so Undo still works. */
function insertText(area: HTMLTextAreaElement, text: string, onChange: (v: string) => void): void {
  area.focus();
  if (document.execCommand("insertText", false, text)) return;
  const { selectionStart, selectionEnd, value } = area;
  const next = value.slice(0, selectionStart) + text + value.slice(selectionEnd);
  onChange(next);
  window.requestAnimationFrame(() => area.setSelectionRange(selectionStart + text.length, selectionStart + text.length));
}

/** The editor. */
export function YamlEditor({ value, onChange, readOnly = false, marks = [], onSave, label, ref, testId = "yaml-editor" }: YamlEditorProps): ReactNode {
  const area = useRef<HTMLTextAreaElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const escaped = useRef(false);

  useImperativeHandle(ref, () => ({
    focusAt: (line, col) => {
      const el = area.current;
      if (el === null) return;
      const at = offsetOf(el.value, line, col);
      el.focus();
      el.setSelectionRange(at, at);
      const lineHeight = Number.parseFloat(getComputedStyle(el).lineHeight) || 20;
      el.scrollTop = Math.max(0, (line - 1) * lineHeight - el.clientHeight / 3);
    },
  }));

  const lineCount = value.split("\n").length;
  const byLine = new Map<number, MarkedLine>();
  for (const mark of marks) {
    const known = byLine.get(mark.line);
    if (known === undefined || (known.kind === "warning" && mark.kind === "error")) byLine.set(mark.line, mark);
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    const el = event.currentTarget;
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
      event.preventDefault();
      onSave?.();
      return;
    }
    if (event.key === "Escape") {
      escaped.current = true;
      return;
    }
    const wasEscaped = escaped.current;
    escaped.current = false;
    if (readOnly) return;
    if (event.key === "Tab" && !wasEscaped && !event.ctrlKey && !event.altKey && !event.metaKey) {
      event.preventDefault();
      const { selectionStart, selectionEnd, value: text } = el;
      const lineStart = text.lastIndexOf("\n", selectionStart - 1) + 1;
      if (!event.shiftKey && selectionStart === selectionEnd) {
        insertText(el, INDENT, onChange);
        return;
      }
      // Indent or outdent every line of the selection.
      const block = text.slice(lineStart, selectionEnd);
      const changed = block
        .split("\n")
        .map((l) => (event.shiftKey ? l.replace(/^ {1,2}/, "") : INDENT + l))
        .join("\n");
      el.setSelectionRange(lineStart, selectionEnd);
      insertText(el, changed, onChange);
      el.setSelectionRange(lineStart, lineStart + changed.length);
      return;
    }
    if (event.key === "Enter" && !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const { selectionStart, value: text } = el;
      const lineStart = text.lastIndexOf("\n", selectionStart - 1) + 1;
      const current = text.slice(lineStart, selectionStart);
      const indent = /^\s*(?:- )?/.exec(current)?.[0].replace("-", " ") ?? "";
      const opens = /:\s*$/.test(current) ? INDENT : "";
      if (indent === "" && opens === "") return;
      event.preventDefault();
      insertText(el, `\n${indent}${opens}`, onChange);
    }
  };

  return (
    <div className={`yaml-editor${readOnly ? " is-readonly" : ""}`} data-testid={testId}>
      <div className="yaml-editor__gutter" aria-hidden="true">
        <div style={{ transform: `translateY(${-scrollTop}px)` }}>
          {Array.from({ length: lineCount }, (_, i) => {
            const mark = byLine.get(i + 1);
            return (
              <div key={i} className={mark === undefined ? "yaml-editor__num" : `yaml-editor__num is-${mark.kind}`} title={mark?.message} data-line={i + 1}>
                {i + 1}
              </div>
            );
          })}
        </div>
      </div>
      <div className="yaml-editor__body">
        <div className="yaml-editor__marks" aria-hidden="true" style={{ transform: `translateY(${-scrollTop}px)` }}>
          {[...byLine.values()].map((mark) => (
            <div key={mark.line} className={`yaml-editor__mark is-${mark.kind}`} style={{ top: `calc(${mark.line - 1} * var(--yaml-lh) + var(--yaml-pad))` }} data-testid={`${testId}-mark`} data-line={mark.line} />
          ))}
        </div>
        <textarea
          ref={area}
          className="yaml-editor__text"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={onKeyDown}
          onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
          readOnly={readOnly}
          wrap="off"
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          autoCorrect="off"
          aria-label={label}
          aria-readonly={readOnly}
          data-testid={`${testId}-text`}
        />
      </div>
    </div>
  );
}
