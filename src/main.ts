import 'dotenv/config';
import { serve } from './cli/serve.js';

// The entry point of the container image and of older deployments;
// `slashdock serve` does the same.
await serve(process.env);
