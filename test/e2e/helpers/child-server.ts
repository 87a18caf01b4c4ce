// Test and bench helper: a server in a child process (`node --import tsx …`, not the tsx CLI,
// whose grandchild a SIGKILL would miss), resolved with its base URL once it prints
// "listening on <url>"; rejected if it exits first.
import { type ChildProcess, spawn } from 'node:child_process';

export async function spawnServer(
  nodeArgs: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...nodeArgs], {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    env: { ...process.env, CXLENS_LOG_LEVEL: 'error', ...options.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening`)));
  });
  return { child, base };
}
