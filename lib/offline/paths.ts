// What the device keeps for studying offline, shared by the pages and the service worker: the cache
// names, and which pages may be kept. Only pages that never show an answer key before submission are
// kept: notes, flashcards, the podcast, the quiz's intro and an attempt in progress, the review plan,
// progress and the course's home. Results, practice (which shows each key), study, instructor and
// admin pages always come from the server.

export const PAGES_CACHE = "course-pages-v1";
export const AUDIO_CACHE = "course-audio-v1";
/** Every cache the app's own code fills (the service worker's precache is named by Serwist). */
export const DEVICE_CACHES = [PAGES_CACHE, AUDIO_CACHE] as const;

const SLUG = "[a-z0-9][a-z0-9-]{0,99}";
const KEPT_PAGES = [
  /^\/$/,
  /^\/progress$/,
  /^\/review$/,
  new RegExp(`^/lectures/${SLUG}$`),
  new RegExp(`^/lectures/${SLUG}/(flashcards|podcast|quiz)$`),
  new RegExp(`^/lectures/${SLUG}/quiz/attempts/[A-Za-z0-9_-]{1,64}$`),
];

/** Whether the page at `pathname` may be kept on the device. */
export function isKeptPage(pathname: string): boolean {
  return KEPT_PAGES.some((pattern) => pattern.test(pathname));
}

/** The episode's audio, served by /api/podcast/<slug>/<file>. */
export function isPodcastAudio(pathname: string): boolean {
  return new RegExp(`^/api/podcast/${SLUG}/[A-Za-z0-9._-]+\\.mp3$`).test(pathname);
}

/** The pages of a lecture kept when the student opens it. */
export function lecturePages(slug: string, options: { quiz: boolean; flashcards: boolean; podcast: boolean }): string[] {
  const base = `/lectures/${slug}`;
  return [
    base,
    ...(options.quiz ? [`${base}/quiz`] : []),
    ...(options.flashcards ? [`${base}/flashcards`] : []),
    ...(options.podcast ? [`${base}/podcast`] : []),
  ];
}
