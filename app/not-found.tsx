import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export default function NotFound() {
  return (
    <section className="mx-auto max-w-lg py-16 text-center">
      <p className="text-sm font-semibold text-indigo-700">404</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">Page not found</h1>
      <p className="mt-3 text-slate-600">The page you asked for does not exist, or is not available to you.</p>
      <Link href="/" className={buttonClasses("primary", "mt-6")}>
        Back to the course
      </Link>
    </section>
  );
}
