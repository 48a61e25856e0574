import type { PlayerEpisode } from "./player-episode";

/** The episode's title, hosts, length and chapter count, and the MP3 download when there is audio. */
export function EpisodeHeader({ episode }: { episode: PlayerEpisode }) {
  const audio = episode.audio;
  const hosts = [...new Set(episode.lines.map((l) => l.hostName))];
  return (
    <div className="flex flex-wrap items-start justify-between gap-3">
      <div>
        <h2 id="episode-title" className="text-xl font-semibold text-slate-900">
          {episode.title}
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          With {hosts.join(" and ")}
          {audio ? ` · ${Math.round(audio.duration / 60)} min` : null} · {episode.chapters.length} chapters
        </p>
      </div>
      {audio ? (
        <a href={audio.downloadUrl} download className="text-sm font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
          Download MP3 ({(audio.bytes / 1e6).toFixed(1)} MB)
        </a>
      ) : null}
    </div>
  );
}
