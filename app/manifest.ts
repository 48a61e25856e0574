import type { MetadataRoute } from "next";

/** The web app manifest: the course installs to a phone's home screen and opens without browser chrome. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "AI/ML Systems Fundamentals",
    short_name: "AI/ML Systems",
    description: "Lectures, podcast episodes, quizzes and flashcards, also offline.",
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: "#f8fafc",
    theme_color: "#4f46e5",
    icons: [{ src: "/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" }],
  };
}
