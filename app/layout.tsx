import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/site-header";
import { OfflineLayer } from "@/components/offline/offline-layer";
import { getViewer } from "@/lib/auth/viewer";
// Registers the no-op server action on every page: it probes (and bench:quiz-submit measures) the
// action path of any page without reading or writing anything.
import "@/lib/health/actions";
import "./globals.css";

export const viewport: Viewport = { themeColor: "#4f46e5" };

export const metadata: Metadata = {
  title: { default: "AI/ML Systems Fundamentals", template: "%s · AI/ML Systems Fundamentals" },
  description: "Lectures, podcast episodes, quizzes and flashcards for AI/ML Systems Fundamentals.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The header shows who is signed in; it is not a guard (every page and action checks for itself).
  const viewer = await getViewer();
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col font-sans">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          Skip to content
        </a>
        <SiteHeader user={viewer} />
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-4 sm:py-8">
          {children}
        </main>
        <OfflineLayer userId={viewer?.id ?? null} />
        <footer className="border-t border-slate-200 py-6 text-center text-xs text-slate-500">AI/ML Systems Fundamentals · an open-source course module</footer>
      </body>
    </html>
  );
}
