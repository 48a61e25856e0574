// The device's own copy of what the student did offline (IndexedDB, through `idb`): the outbox of
// ratings waiting to be sent, the answers of quiz attempts not yet stored on the server, and whose
// copies these are. Nothing here is a key: it holds only what the student did.
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { OutboxEntry } from "./outbox-entry";
import type { PendingAnswers } from "./pending-answers";

interface DeviceSchema extends DBSchema {
  outbox: { key: number; value: OutboxEntry };
  answers: { key: string; value: PendingAnswers };
  meta: { key: string; value: string };
}

const NAME = "course-device";
let opening: Promise<IDBPDatabase<DeviceSchema>> | null = null;

/** The device database, or null where the browser has none (then nothing is kept across reloads). */
export function deviceStore(): Promise<IDBPDatabase<DeviceSchema>> | null {
  if (typeof indexedDB === "undefined") return null;
  opening ??= openDB<DeviceSchema>(NAME, 1, {
    upgrade(database) {
      database.createObjectStore("outbox", { keyPath: "id", autoIncrement: true });
      database.createObjectStore("answers", { keyPath: "attemptId" });
      database.createObjectStore("meta");
    },
    // Another tab upgrades or deletes it (sign-out): let go so it can.
    blocking() {
      void opening?.then((database) => database.close());
      opening = null;
    },
  });
  return opening;
}

/** Empties every store (sign-out, or another student signed in on this device). */
export async function clearDeviceStore(): Promise<void> {
  const database = await deviceStore();
  if (!database) return;
  const tx = database.transaction(["outbox", "answers", "meta"], "readwrite");
  await Promise.all([tx.objectStore("outbox").clear(), tx.objectStore("answers").clear(), tx.objectStore("meta").clear(), tx.done]);
}
