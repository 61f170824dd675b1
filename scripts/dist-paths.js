/**
 * `npm start` runs the compiled server (`npm run build` → dist/): this maps the @qf/* imports to their compiled
 * folders under dist/, as tsconfig.json maps them to the sources for ts-node, jest and tsc.
 */
const { join } = require('node:path');
const tsConfigPaths = require('tsconfig-paths');

const root = join(__dirname, '..');
const config = tsConfigPaths.loadConfig(root);
if (config.resultType !== 'success') throw new Error(`tsconfig.json: ${config.message}`);
tsConfigPaths.register({ baseUrl: join(root, 'dist'), paths: config.paths });
