#!/usr/bin/env node
import process from 'node:process';

// The CLI is written in TypeScript; `npm run build` compiles it into dist/.
try {
  await import('../dist/src/cli/main.js');
} catch (error) {
  if (
    error?.code === 'ERR_MODULE_NOT_FOUND' &&
    String(error.message).includes('dist/src/cli/main.js')
  ) {
    process.stderr.write('slashdock: dist/src/cli/main.js is missing. Run npm run build first.\n');
    process.exit(1);
  }
  throw error;
}
