import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SectionGenerator } from "@/components/generate/section-generator";
import { StudyItem } from "@/components/generate/study-item";
import { buttonClasses } from "@/components/ui/button";
import { requireViewer } from "@/lib/auth/viewer";
import { getStudyPage } from "@/lib/generate/data";
import { lectureSlug } from "@/lib/lectures/schemas";

export const metadata: Metadata = { title: "Study" };

export default async function StudyPage({ params }: { params: Promise<{ slug: string }> }) {
  const slug = lectureSlug.safeParse((await params).slug);
  if (!slug.success) notFound();
  const viewer = await requireViewer({ returnTo: `/lectures/${slug.data}/study` });
  const page = await getStudyPage(viewer, slug.data);
  if (!page) notFound();
  return (
    <div className="space-y-6">
      <section aria-labelledby="personal-title" className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="personal-title" className="text-xl font-semibold">
          A practice quiz that suits you
        </h2>
        <p className="mt-2 max-w-3xl text-slate-600">
          Questions from the course bank, picked for your weak spots or the topics you choose, at the difficulty you ask for. Practice is never graded.
        </p>
        <Link href={`/lectures/${page.lecture.slug}/quiz/personal`} className={`${buttonClasses("primary")} mt-4`}>
          Make a practice quiz
        </Link>
      </section>
      <section aria-labelledby="generated-title" className="space-y-4">
        <div>
          <h2 id="generated-title" className="text-xl font-semibold">
            Cards and questions generated from the notes
          </h2>
          <p className="mt-2 max-w-3xl text-slate-600">
            Made by a program{page.modelEnabled ? " or a language model" : ""} from each section&apos;s own sentences, and labelled “generated” until an
            instructor approves them. Each cites the sentence it came from once you answer. They are never part of a graded quiz. Press A on an item to add it
            to My cards.
          </p>
        </div>
        {page.sections.map((section) => (
          <section
            key={section.key}
            aria-labelledby={`study-${section.key}`}
            className="space-y-3 rounded-2xl border border-slate-200 bg-slate-50/60 p-4 sm:p-6"
          >
            <h3 id={`study-${section.key}`} className="text-lg font-semibold">
              {section.title}
            </h3>
            <SectionGenerator
              lectureId={page.lecture.id}
              sectionKey={section.key}
              generated={section.generated}
              modelEnabled={page.modelEnabled}
              runs={section.runs}
            />
            {section.items.length > 0 ? (
              <div className="grid items-start gap-3 lg:grid-cols-2">
                {section.items.map((item) => (
                  <StudyItem key={item.id} item={item} />
                ))}
              </div>
            ) : section.generated ? (
              <p className="text-sm text-slate-600">Nothing in this section passed the item-writing checks.</p>
            ) : null}
          </section>
        ))}
      </section>
    </div>
  );
}
