#!/usr/bin/env node
// The `sponsor-desk` command. Runs the TypeScript sources through tsx so a checkout needs no build step.
// Plain JavaScript that any Node can parse, and nothing imported before the checks below: an older Node
// crashes (a segfault, no message) inside the SQLite driver's native module instead of saying what is wrong.

const MIN_NODE_MAJOR = 22;
const chinese = /^zh/i.test(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '');

const major = Number(process.versions.node.split('.')[0]);
if (!(major >= MIN_NODE_MAJOR)) {
  const get = 'npm install --prefix ~/.local/node24 node@24\nexport PATH=~/.local/node24/node_modules/.bin:$PATH';
  process.stderr.write(
    chinese
      ? `sponsor-desk 需要 Node.js ${MIN_NODE_MAJOR} 或更高版本（推荐 24），当前是 ${process.versions.node}。可以这样安装 Node 24（不影响系统自带的 Node）：\n${get}\n然后重新运行本命令。\n`
      : `sponsor-desk needs Node.js ${MIN_NODE_MAJOR} or newer (24 recommended); this is ${process.versions.node}. Get Node 24 without touching the system's Node:\n${get}\nthen run the command again.\n`,
  );
  process.exit(1);
}

// Output cut short by a pipe (`sponsor-desk ... | head`): the reader is gone, so what is left to print is
// dropped and the work goes on to its end and its exit code, without an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error && error.code === 'EPIPE') return;
    throw error;
  });
}

// Files the command creates (stores, backups, keys, received files) are the owner's alone: new files 0600,
// folders 0700 (electron/store/private-files.ts sets the modes explicitly too). Not on Windows (no modes).
if (process.platform !== 'win32') process.umask(0o077);

// The repository's tsconfig.json, wherever the command is run from: it maps @shared/… to shared/. The path is
// also left in the environment for worker threads run through tsx (electron/main/long-work.ts).
const { register } = await import('tsx/esm/api');
const { fileURLToPath } = await import('node:url');
process.env.TSX_TSCONFIG_PATH ??= fileURLToPath(new URL('../../tsconfig.json', import.meta.url));
register({ tsconfig: process.env.TSX_TSCONFIG_PATH });
const { runCli } = await import('./main.ts');
process.exitCode = await runCli(process.argv.slice(2));
