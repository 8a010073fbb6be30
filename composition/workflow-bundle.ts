// Where the workflow code comes from. From the sources (npm start, tests, bench) it is bundled with
// webpack when needed; the compiled product (npm run build → dist/) ships the bundle written at build
// time, so a production worker never loads webpack (its memory and its start-up seconds).
// This module imports no activity or connector code: the bundle step and the test setup need only it.
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';

/** True when this file runs compiled (dist/composition/workflow-bundle.js), false under tsx/jest. */
const runningCompiled = __filename.endsWith('.js');

/** The workflows' entry module: the TypeScript source, or its compiled twin inside dist/. */
export const WORKFLOWS_PATH = path.resolve(__dirname, '..', 'workflows', runningCompiled ? 'index.js' : 'index.ts');

/** The bundle `npm run build` writes: dist/workflow-bundle.js (seen from the sources or from dist/). */
export const PREBUILT_BUNDLE = runningCompiled ? path.resolve(__dirname, '..', 'workflow-bundle.js') : path.resolve(__dirname, '..', 'dist', 'workflow-bundle.js');

export class MissingWorkflowBundleError extends Error {
  constructor(readonly bundlePath: string) {
    super(`The prebuilt workflow bundle ${bundlePath} is missing: run \`npm run build\` (it compiles the product and writes the bundle)`);
    this.name = 'MissingWorkflowBundleError';
  }
}

const noop = () => undefined;
const quietBundlerLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };

/** Bundles the workflows with webpack (seconds, and webpack's memory). */
export function bundleWorkflows(workflowsPath = WORKFLOWS_PATH): Promise<{ code: string }> {
  return bundleWorkflowCode({ workflowsPath, logger: quietBundlerLogger });
}

/** Bundles the workflows into a file (the build step, the test setup, the bench). */
export async function writeWorkflowBundle(target: string, workflowsPath = WORKFLOWS_PATH): Promise<{ path: string; bytes: number }> {
  const { code } = await bundleWorkflows(workflowsPath);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, code);
  return { path: target, bytes: Buffer.byteLength(code) };
}

/**
 * The bundle a worker runs: compiled, always the prebuilt one (WORKFLOW_BUNDLE_PATH may name another
 * file), and its absence is an error rather than a silent webpack run; from the sources, a bundle made
 * now, unless WORKFLOW_BUNDLE_PATH names one.
 */
export async function loadWorkflowBundle(env: NodeJS.ProcessEnv = process.env): Promise<{ code: string }> {
  const named = env.WORKFLOW_BUNDLE_PATH;
  const prebuilt = named ? path.resolve(named) : runningCompiled ? PREBUILT_BUNDLE : null;
  if (!prebuilt) return bundleWorkflows();
  if (!fs.existsSync(prebuilt)) throw new MissingWorkflowBundleError(prebuilt);
  return { code: fs.readFileSync(prebuilt, 'utf8') };
}
