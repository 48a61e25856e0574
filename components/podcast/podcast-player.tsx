"use client";

import { useEffect, useRef } from "react";
import { AudioUnavailable } from "./audio-unavailable";
import { EpisodeChapters } from "./episode-chapters";
import { EpisodeHeader } from "./episode-header";
import { EpisodeTranscript } from "./episode-transcript";
import { ListeningStatus } from "./listening-status";
import { PlayerControls } from "./player-controls";
import type { InitialListeningProgress, PlayerEpisode } from "./player-episode";
import { usePodcastPlayback } from "./use-podcast-playback";

export type { PlayerEpisode } from "./player-episode";

/** The episode: its player (or a note that only the transcript exists), then its chapters and transcript, both seeking the audio. */
export function PodcastPlayer({ episode, initialProgress }: { episode: PlayerEpisode; initialProgress: InitialListeningProgress }) {
  const audio = episode.audio;
  const audioRef = useRef<HTMLAudioElement>(null);
  const playback = usePodcastPlayback(audioRef, episode, initialProgress);
  const rootRef = useRef<HTMLDivElement>(null);
  // Marks the player as interactive (its keyboard shortcuts listen from here on); tests wait for it.
  useEffect(() => rootRef.current?.setAttribute("data-hydrated", "true"), []);
  const onSeek = audio ? playback.seekTo : null;

  return (
    <div ref={rootRef} className="space-y-6" data-testid="podcast-player">
      <section aria-labelledby="episode-title" className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
        <EpisodeHeader episode={episode} />
        {audio ? (
          <>
            <audio ref={audioRef} src={audio.url} preload="metadata" {...playback.audioEvents} data-testid="podcast-audio" />
            <PlayerControls playback={playback} />
            <ListeningStatus percentHeard={playback.percentHeard} audioError={playback.audioError} saveError={playback.saveError} />
          </>
        ) : (
          <AudioUnavailable problem={episode.audioProblem} />
        )}
        <p className="sr-only" role="status" aria-live="polite">
          {playback.announcement}
        </p>
      </section>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,20rem)_minmax(0,1fr)]">
        <EpisodeChapters episode={episode} currentChapter={playback.currentChapter} onSeek={onSeek} />
        <EpisodeTranscript episode={episode} currentLine={playback.currentLine} playing={playback.playing} onSeek={onSeek} />
      </div>
    </div>
  );
}
