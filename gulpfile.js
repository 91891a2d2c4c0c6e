const { src, dest, task } = require('gulp');

// tsc only emits JavaScript: icons and codex files travel to dist/ beside their nodes.
function copyAssets() {
	return src(['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

task('build:icons', copyAssets);
