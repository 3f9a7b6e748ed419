/**
 * A real SMTP server on loopback for the alert tests (the `smtp-server` package), every message it
 * receives parsed with `mailparser`. `reject` makes it refuse recipients, as a server that is down
 * for maintenance or over quota does.
 */
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface MailServer {
  port: number;
  messages: ParsedMail[];
  reject: boolean;
  close(): Promise<void>;
}

export async function startMailServer(): Promise<MailServer> {
  const state: MailServer = {
    port: 0,
    messages: [],
    reject: false,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (state.reject) callback(Object.assign(new Error("452 4.2.2 Mailbox full, try again later"), { responseCode: 452 }));
      else callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          state.messages.push(parsed);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.port = (server.server.address() as AddressInfo).port;
  return state;
}
