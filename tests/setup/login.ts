import { action as loginAction } from "../../app/routes/login";
import { demoPassword } from "../../seeds/demo-users";

/** Logs each demo account in through the real login action and returns its session cookie. */
export async function demoSessionCookies(loginIds: readonly string[]): Promise<Record<string, string>> {
  const cookies: Record<string, string> = {};
  for (const loginId of loginIds) {
    const response = (await loginAction({
      request: new Request("http://localhost/login", { method: "POST", body: new URLSearchParams({ loginId, password: demoPassword }) }),
      params: {},
      context: {},
    })) as Response;
    cookies[loginId] = response.headers.get("Set-Cookie")!.split(";")[0]!;
  }
  return cookies;
}
