import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";

const LECTURE = "/lectures/ml-systems-and-data-engineering";
const SECTION = "#ml-in-production";

/** Selects the first sentence-long run of text of a section's first paragraph, as a reader dragging over it would. */
async function selectPassage(page: Page): Promise<string> {
  return page
    .locator(`${SECTION} [data-passage-section] p`)
    .first()
    .evaluate((paragraph) => {
      // The paragraph's first run of plain text long enough to be a passage (it may start with emphasis).
      const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
      let text = walker.nextNode();
      while (text && text.textContent!.trim().length < 30) text = walker.nextNode();
      const range = document.createRange();
      range.setStart(text!, 0);
      range.setEnd(text!, Math.min(60, text!.textContent!.length));
      const selection = document.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return selection.toString();
    });
}

test("make a card from a passage of the notes with the keyboard, then review, edit, delete and undo it in My cards", async ({ page }) => {
  await signUp(page, "Own Cards", uniqueEmail("own-cards"));
  await page.goto(LECTURE);
  await expect(page.getByTestId("passage-hint")).toContainText("select a passage of the notes, then press C");

  const passage = await selectPassage(page);
  const button = page.getByTestId("make-card-from-passage");
  await expect(button).toBeVisible();
  // Reachable with the keyboard: focusing the button keeps the passage, and C (shown in the hint) opens the dialog.
  await button.focus();
  await expect(button).toBeFocused();
  await expect(button).toBeVisible();
  await page.keyboard.press("c");
  const dialog = page.getByRole("dialog", { name: "Make a card from this passage" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Back", { exact: true })).toHaveValue(passage.trim().replace(/\s+/g, " "));
  await expect(dialog.getByLabel("Front", { exact: true })).toBeFocused();
  await dialog.getByRole("button", { name: "Add to My cards" }).click();
  await expect(dialog.getByText("Write the front: the question or term you want to be asked.")).toBeVisible();
  await dialog.getByLabel("Front", { exact: true }).fill("What does ML in production expect?");
  await dialog.getByLabel("Also ask it the other way round").check();
  await dialog.getByRole("button", { name: "Add to My cards" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Card added to your own deck.")).toBeVisible();

  await page.getByRole("link", { name: "Review My cards" }).click();
  await expect(page).toHaveURL(`${LECTURE}/flashcards?deck=own`);
  await expect(page.getByRole("navigation", { name: "Flashcard modes" }).getByRole("link", { name: /My cards/ })).toHaveAttribute("aria-current", "page");
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // Reviewed like the lecture's flashcards; the back links to the section.
  const card = page.getByTestId("review-card");
  await expect(card.locator("#card-front")).toHaveText("What does ML in production expect?");
  await expect(async () => {
    await page.keyboard.press("Space");
    await expect(page.getByTestId("card-back")).toBeVisible({ timeout: 1000 });
  }).toPass();
  await expect(page.getByTestId("card-back").getByRole("link", { name: /^Notes:/ })).toHaveAttribute("href", `${LECTURE}${SECTION}`);
  await page.keyboard.press("3");
  // The other way round comes next: the passage asked, the question expected.
  await expect(card.locator("#card-front")).toHaveText(passage.trim().replace(/\s+/g, " "));

  // Edit, then delete and undo, from the list below.
  const item = page.getByTestId("own-card").first();
  await item.getByRole("button", { name: /^Edit/ }).click();
  await item.getByLabel("Front", { exact: true }).fill("What does production expect of ML?");
  await item.getByRole("button", { name: "Save changes" }).click();
  await expect(item).toContainText("What does production expect of ML?");
  await item.getByRole("button", { name: /^Delete/ }).click();
  await expect(page.getByTestId("own-cards-empty")).toBeVisible();
  await expect(page.getByRole("button", { name: "Undo" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("own-card")).toHaveCount(1);
  await expect(page.getByTestId("own-card").first()).toContainText("Learning");
});
