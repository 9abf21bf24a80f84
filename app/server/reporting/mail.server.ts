// Reminder e-mail through nodemailer. Every address ends up either delivered or failed with a reason:
// a send that fails is reported to the caller, never dropped.
import nodemailer from "nodemailer";

export type MailSettings = { smtpUrl: string; from: string };
export type MailMessage = { to: string[]; subject: string; text: string };
export type MailOutcome = { delivered: string[]; failed: { address: string; reason: string }[] };

export async function sendMail(settings: MailSettings, message: MailMessage): Promise<MailOutcome> {
  if (message.to.length === 0) return { delivered: [], failed: [] };
  const url = new URL(settings.smtpUrl);
  url.searchParams.set("connectionTimeout", "10000");
  url.searchParams.set("greetingTimeout", "10000");
  url.searchParams.set("socketTimeout", "20000");
  const transport = nodemailer.createTransport(url.toString());
  try {
    const info = await transport.sendMail({ from: settings.from, to: message.to, subject: message.subject, text: message.text });
    const rejected = new Set((info.rejected ?? []).map(String));
    return {
      delivered: message.to.filter((a) => !rejected.has(a)),
      failed: message.to.filter((a) => rejected.has(a)).map((address) => ({ address, reason: "宛先が受け付けられませんでした" })),
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message.slice(0, 200) : String(error);
    return { delivered: [], failed: message.to.map((address) => ({ address, reason })) };
  } finally {
    transport.close();
  }
}
