"use client";

import { useEffect, useState } from "react";

/** Text selected inside one section's notes, with where its end is within that section's frame. */
export interface SelectedPassage {
  sectionKey: string;
  text: string;
  /** Pixels from the frame's top-left corner, just under the selection's last line. */
  top: number;
  left: number;
}

/** The notes of one section (`data-passage-section="<key>"`), inside its frame (`data-passage-frame`, positioned). */
const NOTES = "[data-passage-section]";
const FRAME = "[data-passage-frame]";
/** The "Make a card" button (`data-passage-button`): while it has focus (reached with Tab), the passage stays. */
const PASSAGE_BUTTON_ATTRIBUTE = "data-passage-button";
const BUTTON_WIDTH = 240;

const elementOf = (node: Node): Element | null => (node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement);

function currentPassage(): SelectedPassage | null {
  const selection = document.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  const start = elementOf(range.startContainer)?.closest<HTMLElement>(NOTES);
  const end = elementOf(range.endContainer)?.closest<HTMLElement>(NOTES);
  // Both ends in the same section's notes: a selection across sections, or into a heading, is not one passage.
  if (!start || start !== end) return null;
  const text = selection.toString();
  if (!text.trim()) return null;
  const frame = (start.closest<HTMLElement>(FRAME) ?? start).getBoundingClientRect();
  const rects = range.getClientRects();
  const last = rects.length > 0 ? rects[rects.length - 1]! : range.getBoundingClientRect();
  return {
    sectionKey: start.dataset.passageSection!,
    text,
    top: last.bottom - frame.top + 6,
    left: Math.max(8, Math.min(last.right - frame.left - 24, frame.width - BUTTON_WIDTH)),
  };
}

/** The passage the reader has selected in the notes, or null; updated as the selection changes. */
export function usePassageSelection(): [SelectedPassage | null, () => void] {
  const [passage, setPassage] = useState<SelectedPassage | null>(null);
  useEffect(() => {
    let frame = 0;
    const update = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const next = currentPassage();
        if (!next && document.activeElement?.hasAttribute(PASSAGE_BUTTON_ATTRIBUTE)) return;
        setPassage(next);
      });
    };
    document.addEventListener("selectionchange", update);
    window.addEventListener("resize", update);
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener("selectionchange", update);
      window.removeEventListener("resize", update);
    };
  }, []);
  return [passage, () => setPassage(null)];
}
