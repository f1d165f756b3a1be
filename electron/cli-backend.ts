import { initBackend, type BackendChoice } from './engine/backend';

/**
 * Starts the TensorFlow.js backend a command asked for and returns its name, or says why it could
 * not start (on stderr) and returns null: the command then exits 1.
 */
export async function startCliBackend(choice: BackendChoice | undefined): Promise<string | null> {
  try {
    return (await initBackend(choice)).name;
  } catch (e) {
    console.error(`latent-studio: ${(e as Error).message}`);
    return null;
  }
}
