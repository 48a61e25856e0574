import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/lectures/markdown";

describe("renderMarkdown", () => {
  it.each([
    ["<script>alert(1)</script>\n\nText", "<p>Text</p>"],
    ['<img src=x onerror="alert(1)">', ""],
    ["[click](javascript:alert(1))", "<p><a>click</a></p>"],
    ["~~gone~~ and https://example.com", '<p><del>gone</del> and <a href="https://example.com">https://example.com</a></p>'],
    ["- [x] done", '<ul class="contains-task-list">\n<li class="task-list-item"><input type="checkbox" checked disabled> done</li>\n</ul>'],
  ])("%j", (markdown, html) => {
    expect(renderMarkdown(markdown)).toBe(html);
  });
});
