// An own card's text limits (also the database's CHECK constraint), apart from the zod schemas so
// that the card form (a client component) reads them without shipping zod and FSRS to the browser.
export const FRONT_MAX_CHARS = 2000;
export const BACK_MAX_CHARS = 4000;
