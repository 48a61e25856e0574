import NextAuth from "next-auth";
import { refuseBadCallbackUrl } from "@/lib/auth/auth-route";
import { getAuthOptions } from "@/lib/auth/options";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

function handler(request: Request, context: RouteContext) {
  return refuseBadCallbackUrl(request) ?? NextAuth(getAuthOptions())(request, context);
}

export { handler as GET, handler as POST };
