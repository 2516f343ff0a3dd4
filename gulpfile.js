// Copies the static files tsc does not emit into dist/: the icons, the codex (*.node.json) files and
// the output schemas (nodes/<Node>/__schema__/, which n8n serves to the editor beside the node file).
const { src, dest, parallel } = require('gulp');

function copyIcons() {
	return src('icons/**/*.svg', { encoding: false }).pipe(dest('dist/icons'));
}

function copyCodex() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

function copySchemas() {
	return src('nodes/**/__schema__/**/*.json').pipe(dest('dist/nodes'));
}

exports['build:static'] = parallel(copyIcons, copyCodex, copySchemas);
exports.default = exports['build:static'];
