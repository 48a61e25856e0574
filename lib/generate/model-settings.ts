// Whether a language model drafts study items here, and which. Read from the environment on each call
// (lib/env.ts validates the same variables at start-up), so a test can point it at its own server.
import { getModelConfig, type ModelConfig } from "./model/config";

export function getModelSettings(): ModelConfig | null {
  return getModelConfig(process.env);
}

export function modelConfigured(): boolean {
  return getModelSettings() !== null;
}
