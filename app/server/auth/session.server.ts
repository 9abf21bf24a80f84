import { randomBytes } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { eq, sql } from "drizzle-orm";
import { getDb } from "../../../db";
import { sessions } from "../../../db/schema";
import type { UserRole } from "../../domain/vocabulary";
import { userOfSession, type SessionUser } from "../../../db/queries/users";
import { getEnv } from "../env.server";

export const sessionLifetimeSeconds = 60 * 60 * 12;
export const sessionCookieName = "__session";

let sessionCookie: ReturnType<typeof createCookie> | undefined;
function getSessionCookie() {
  const env = getEnv();
  sessionCookie ??= createCookie(sessionCookieName, {
    httpOnly: true,
    sameSite: "lax",
    secure: env.isProduction,
    path: "/",
    maxAge: sessionLifetimeSeconds,
    secrets: [env.sessionSecret],
  });
  return sessionCookie;
}

export type { SessionUser } from "../../../db/queries/users";

/**
 * Starts a new server-side session (a fresh id at every login) and returns the Set-Cookie header.
 * A session the request still carried is ended, so an id planted before login is worth nothing.
 */
export async function createUserSession(userId: number, replacing?: Request): Promise<string> {
  const db = await getDb();
  const previous = replacing ? await sessionIdFrom(replacing) : null;
  if (previous) await db.delete(sessions).where(eq(sessions.id, previous));
  const id = randomBytes(32).toString("base64url");
  await db.insert(sessions).values({
    id,
    userId,
    expiresAt: sql`now() + make_interval(secs => ${sessionLifetimeSeconds})`,
  });
  return getSessionCookie().serialize(id);
}

async function sessionIdFrom(request: Request): Promise<string | null> {
  return sessionIdFromCookie(request.headers.get("Cookie"));
}

async function sessionIdFromCookie(cookieHeader: string | null | undefined): Promise<string | null> {
  const value: unknown = await getSessionCookie().parse(cookieHeader ?? null);
  return typeof value === "string" ? value : null;
}

// Requests the page-data layer (app/server/http/page-data.server.ts) authenticated by an API token: the
// user is bound to the Request object it hands to the loader, so no header can claim it (ADR 028). One
// map per process, shared through the global symbol registry: server.ts runs this module as its own copy
// and the Remix build (or Vite's SSR graph) as another.
const apiRequestUsersKey = Symbol.for("tsunagu.apiRequestUsers");
const apiRequestUsers: WeakMap<Request, SessionUser> = ((globalThis as Record<symbol, unknown>)[apiRequestUsersKey] ??= new WeakMap<Request, SessionUser>()) as WeakMap<Request, SessionUser>;

/** Binds the user of a verified API token to a request the page-data layer built (and only reads with). */
export function bindApiTokenUser(request: Request, user: SessionUser): void {
  apiRequestUsers.set(request, user);
}

export async function getOptionalUser(request: Request): Promise<SessionUser | null> {
  const apiUser = apiRequestUsers.get(request);
  if (apiUser) return request.method === "GET" ? apiUser : null;
  return userOfSessionCookie(request.headers.get("Cookie"));
}

/** The signed-in user of a Cookie header: a live session of an active account, else null. */
export async function userOfSessionCookie(cookieHeader: string | null | undefined): Promise<SessionUser | null> {
  const id = await sessionIdFromCookie(cookieHeader);
  if (!id) return null;
  return userOfSession(await getDb(), id);
}

function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  const redirectTo = `${url.pathname}${url.search}`;
  return redirect(`/login?${new URLSearchParams({ redirectTo })}`);
}

export const passwordChangePath = "/account/password";

/**
 * Every loader and action calls this (or requireRole): anonymous requests go to the login page, and
 * an account with a temporary password goes to the password page until it has chosen its own.
 */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getOptionalUser(request);
  if (!user) throw loginRedirect(request);
  if (user.mustChangePassword && new URL(request.url).pathname !== passwordChangePath) throw redirect(passwordChangePath);
  return user;
}

export async function requireRole(request: Request, roles: readonly UserRole[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) throw new Response("この操作を行う権限がありません", { status: 403 });
  return user;
}

/** Ends the session on the server, so a copied cookie stops working too. */
export async function destroyUserSession(request: Request): Promise<string> {
  const id = await sessionIdFrom(request);
  if (id) {
    const db = await getDb();
    await db.delete(sessions).where(eq(sessions.id, id));
  }
  return getSessionCookie().serialize("", { maxAge: 0 });
}

