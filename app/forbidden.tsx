import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export default function Forbidden() {
  return (
    <section className="mx-auto max-w-lg py-16 text-center">
      <p className="text-sm font-semibold text-indigo-700">403</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">You do not have access to this page</h1>
      <p className="mt-3 text-slate-600">It is for another role. If you think you should have access, ask an admin to change your role.</p>
      <Link href="/" className={buttonClasses("primary", "mt-6")}>
        Back to the course
      </Link>
    </section>
  );
}
