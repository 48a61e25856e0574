import type { Metadata } from "next";
import { LectureOpenings } from "@/components/instructor/schedule/lecture-openings";
import { ExamDates } from "@/components/review/plan/exam-dates";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { Section } from "@/components/ui/section";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { requireViewer } from "@/lib/auth/viewer";
import { getLectureOpenings } from "@/lib/lectures/opening";
import { getClassExamDates, getExamQuizChoices } from "@/lib/review/exams/data";

export const metadata: Metadata = { title: "Course calendar" };

export default async function CourseCalendarPage() {
  const viewer = await requireViewer({ roles: STAFF_ROLES, returnTo: "/instructor/schedule" });
  const [lectures, exams, quizzes] = await Promise.all([getLectureOpenings(viewer), getClassExamDates(viewer), getExamQuizChoices(viewer)]);
  return (
    <div className="space-y-6">
      <Breadcrumb trail={[{ href: "/instructor", label: "Instructor" }]} current="Course calendar" />
      <h1 className="text-3xl font-semibold tracking-tight">Course calendar</h1>
      <Section
        id="class-exams"
        title="Exam dates"
        variant="card"
        className="space-y-3"
        description="Every student's learned cards of the lecture are planned to be remembered with their chosen retention on the exam day; students may add dates of their own."
      >
        <ExamDates
          dates={exams}
          lectures={lectures.map((l) => ({ id: l.id, title: `Lecture ${l.number}: ${l.title}` }))}
          today={new Date().toISOString().slice(0, 10)}
          classWide
          quizzes={quizzes}
        />
      </Section>
      <Section
        id="openings"
        title="When lectures open"
        variant="card"
        className="space-y-3"
        description="A lecture's flashcards join students' review decks when it opens."
      >
        <LectureOpenings lectures={lectures} />
      </Section>
    </div>
  );
}
