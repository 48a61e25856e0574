// Child processes for the scripts: inherit the terminal, resolve with the exit code.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export const projectRoot = path.resolve(import.meta.dirname, "..", "..");

export function binPath(name: string): string {
  return path.join(projectRoot, "node_modules", ".bin", name);
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: projectRoot, env, stdio: "inherit" });
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export async function runOrThrow(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const code = await run(command, args, env);
  if (code !== 0) throw new Error(`${path.basename(command)} ${args.join(" ")} exited with code ${code}`);
}

/** Waits for a child to exit, sending SIGTERM first and SIGKILL after `graceMs`. */
export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Common environment for the Prisma CLI: no update checks or telemetry (the machines are offline). */
export function prismaEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1", NEXT_TELEMETRY_DISABLED: "1" };
}

/** `prisma generate` reads the schema's datasource, which names DATABASE_URL; any well-formed value will do. */
export const PLACEHOLDER_DATABASE_URL = "postgresql://placeholder@127.0.0.1:5432/placeholder";

export function prisma(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return runOrThrow(binPath("prisma"), args, prismaEnv(env));
}
