"use client";

import { usePathname } from "next/navigation";
import { useEffect } from "react";

/** Folds the phone's header Menu after a link in it was followed (the header stays across pages) or on Escape. */
export function MenuCloser() {
  const pathname = usePathname();
  useEffect(() => {
    const close = () => document.querySelectorAll<HTMLDetailsElement>("details.site-menu[open]").forEach((menu) => (menu.open = false));
    close();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      const open = document.querySelector<HTMLDetailsElement>("details.site-menu[open]");
      if (!open) return;
      open.open = false;
      open.querySelector("summary")?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [pathname]);
  return null;
}
