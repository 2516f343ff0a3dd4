// Usage: node verify-install.cjs <packageDir> <dotN8nDir> <n8nDir> <n8nCacheNodeModules> <n8nWorkflowRealDir>
// Loads every node and credential file listed in an installed community package with module
// resolution cut down to what a real install in ~/.n8n/nodes sees: the walk-up stays inside .n8n/,
// then n8n's NODE_PATH (n8n's own module paths). Prints the problems and exits 1 if any.
'use strict';
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const [packageDir, dotN8n, n8nDir, cacheModules, expectedWorkflowDir] = process.argv.slice(2);
const walkUp = Module._nodeModulePaths;
Module._nodeModulePaths = (from) => walkUp(from).filter((p) => p.startsWith(dotN8n + path.sep));
// n8n sets NODE_PATH to its own module paths; keep those inside the cached n8n install.
process.env.NODE_PATH = walkUp(path.join(n8nDir, 'dist'))
	.filter((p) => p.startsWith(cacheModules))
	.join(path.delimiter);
Module._initPaths();

const pkg = require(path.join(packageDir, 'package.json'));
const files = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
const problems = [];
for (const file of files) {
	if (!fs.existsSync(path.join(packageDir, file))) {
		problems.push(`${file}: listed in package.json but missing from the package (not built?)`);
		continue;
	}
	try {
		require(path.join(packageDir, file));
	} catch (error) {
		problems.push(`${file}: ${String(error.message).split('\n')[0]}`);
	}
}
try {
	const resolved = require.resolve('n8n-workflow/package.json', { paths: [packageDir] });
	const real = fs.realpathSync(path.dirname(resolved));
	if (real !== expectedWorkflowDir)
		problems.push(`n8n-workflow resolves to ${real}, not to n8n's copy ${expectedWorkflowDir}`);
} catch (error) {
	problems.push(`n8n-workflow does not resolve: ${String(error.message).split('\n')[0]}`);
}
if (problems.length > 0) {
	console.error(problems.map((p) => `  - ${p}`).join('\n'));
	process.exit(1);
}
