// Question text rendered on the server (lib/bank/rich-text/render.ts: sanitised HTML or escaped plain
// text, TeX as MathML). The SafeHtml type is the only way to get HTML in here.
import { createElement, type Ref } from "react";
import type { SafeHtml } from "@/lib/bank/rich-text/render";

interface Props {
  html: SafeHtml;
  as?: "div" | "span" | "h2" | "h3" | "p";
  className?: string;
  id?: string;
  tabIndex?: number;
  ref?: Ref<HTMLElement>;
}

export function RichText({ html, as = "div", className, id, tabIndex, ref }: Props) {
  return createElement(as, { className: `rich-text ${className ?? ""}`.trim(), id, tabIndex, ref, dangerouslySetInnerHTML: { __html: html } });
}
