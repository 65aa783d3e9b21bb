// Refuses to install on a Node older than 22: better-sqlite3 13 needs it (and crashes on Node 20).
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(
    `Sponsor Desk needs Node.js 22 or newer (24 LTS recommended); this is ${process.version}.\n` +
      'Without network access to nodejs.org, install it from the npm registry:\n' +
      '  npm install --prefix ~/.local/node24 node@24 && export PATH=~/.local/node24/node_modules/.bin:$PATH',
  );
  process.exit(1);
}
