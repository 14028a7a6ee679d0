// Copies the browser builds of the player libraries into the directory given (the jar's
// players/vendor/), so Rill serves them itself and the player page needs no internet.
const fs = require('fs');
const path = require('path');

const out = process.argv[2];
if (!out) {
  console.error('usage: node copy-vendor.js OUTPUT_DIR');
  process.exit(2);
}
const files = [
  ['mpegts.js/dist/mpegts.js', 'mpegts.js'],
  ['hls.js/dist/hls.min.js', 'hls.min.js'],
];
fs.mkdirSync(out, { recursive: true });
for (const [from, to] of files) {
  const source = path.join(__dirname, 'node_modules', from);
  fs.copyFileSync(source, path.join(out, to));
  console.log('player library ' + from + ' -> ' + path.join(out, to));
}
