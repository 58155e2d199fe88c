// Real processes for the SDK tests: started on port 0, killed when the tests end.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { after } from 'node:test';

const children = [];
after(() => {
  for (const child of children) child.kill('SIGKILL');
});

// Starts `argv`, resolves with the first stdout line containing `needle`.
export function start(argv, needle) {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    const timer = setTimeout(() => reject(new Error(`${argv[0]} did not start`)), 20000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.includes(needle)) {
        clearTimeout(timer);
        resolve(line);
      }
    });
    child.on('exit', (code) => reject(new Error(`${argv[0]} exited with ${code}`)));
  });
}

// fake-llm with `args`, and the gateway in front of it with `config`: the gateway's API
// and admin addresses.
export async function startStack(args, config = process.env.LLMSEC_CONFIG) {
  const upstream = await start(
    [process.env.FAKE_LLM_BINARY, '--listen', '127.0.0.1:0', ...args], 'listening');
  const upstreamAddress = upstream.split('listening ')[1].trim();
  const gateway = await start(
    [process.env.LLMSEC_BINARY, 'serve', '--config', config,
     '--listen', '127.0.0.1:0', '--admin', '127.0.0.1:0', '--upstream', `http://${upstreamAddress}`],
    'listening');
  return { api: gateway.match(/api=(\S+)/)[1], admin: gateway.match(/admin=(\S+)/)[1] };
}
