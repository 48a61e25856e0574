/** What the podcast player needs of an episode: its chapters, its transcript lines and its audio, if built. */
export interface PlayerEpisode {
  id: string;
  title: string;
  lectureSlug: string;
  chapters: { key: string; title: string; sectionKey: string | null; sectionTitle: string | null; start: number | null }[];
  lines: { hostId: string; hostName: string; chapter: string; text: string; start: number | null; end: number | null }[];
  audio: { url: string; downloadUrl: string; duration: number; bytes: number } | null;
  audioProblem: string | null;
}

export interface InitialListeningProgress {
  position: number;
  percentHeard: number | null;
}
