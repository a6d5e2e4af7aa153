import { Readable } from 'node:stream';
import { exitCodeOf, type CommandIo } from './cli.ts';

/**
 * Runs a command in this process through its `main`, output captured: the same code path as the
 * real command minus starting node and tsx (seconds a call). For tests; each command keeps one
 * real-process smoke test besides.
 */
export async function inProcess(
  name: string,
  main: (argv: string[], io: CommandIo) => Promise<number>,
  args: string[],
  env: NodeJS.ProcessEnv,
  input = '',
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CommandIo = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    stdin: Readable.from([input]),
    env: { ...process.env, ...env },
  };
  const code = await exitCodeOf(name, () => main(args, io), io);
  return { code, stdout, stderr };
}
