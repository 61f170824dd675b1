const fs = require('fs');
const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'));
const base = lock.packages['node_modules/msgpackr-extract'];
const v = base.optionalDependencies;
const plat = { 'darwin-arm64': ['darwin', 'arm64'], 'darwin-x64': ['darwin', 'x64'], 'linux-arm': ['linux', 'arm'], 'linux-arm64': ['linux','arm64'], 'linux-x64': ['linux','x64'], 'win32-x64': ['win32', 'x64'] };
for (const [name, version] of Object.entries(v)) {
  const key = `node_modules/${name}`;
  if (lock.packages[key]) continue;
  const suffix = name.split('msgpackr-extract-')[1];
  const [os, cpu] = plat[suffix];
  lock.packages[key] = { version, resolved: `https://registry.npmjs.org/${name}/-/${name.split('/')[1]}-${version}.tgz`, cpu: [cpu], license: 'MIT', optional: true, os: [os] };
}
const sorted = {};
for (const k of Object.keys(lock.packages).sort()) sorted[k] = lock.packages[k];
lock.packages = sorted;
fs.writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
